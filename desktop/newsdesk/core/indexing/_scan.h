/* Shared by the compiled scanner's files (_scan.c: the module, the front and its
 * entries; _scan_refuse.c: UTF-8 and suspect's refusals; _scan_values.c: one entry's
 * value; _scan_related.c: the related count; _scan_check.c and _scan_check_values.c:
 * the check's quick proof; _scan_open.c: the stat of a batch for the window's open).
 * What each reproduces of the Python is said in _scan.c. */
#ifndef NEWSDESK_SCAN_H
#define NEWSDESK_SCAN_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef unsigned char uchar;
typedef Py_ssize_t ssize;

/* 16 bytes at a time where the machine has vectors (SSE2 on x86-64, NEON on arm64): the
 * two scans that look at every byte of the front skip blocks holding none of the bytes
 * they stop at. Elsewhere the same loops go byte by byte. */
#if defined(__SSE2__) || defined(_M_X64) || defined(_M_AMD64)
#include <emmintrin.h>
#define HAVE_VEC 1
typedef __m128i vec;
#define VLOAD(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define VSET(c) _mm_set1_epi8((char)(c))
#define VEQ(a, c) _mm_cmpeq_epi8((a), VSET(c))
#define VOR(a, b) _mm_or_si128((a), (b))
#define VAND(a, b) _mm_and_si128((a), (b))
#define VANDNOT(a, b) _mm_andnot_si128((a), (b)) /* ~a & b */
#define VLE(a, c) _mm_cmpeq_epi8(_mm_min_epu8((a), VSET(c)), (a)) /* a <= c, unsigned */
#define VANY(a) (_mm_movemask_epi8(a) != 0)
#elif defined(__aarch64__) || defined(_M_ARM64)  /* vmaxvq_u8 is AArch64 only */
#include <arm_neon.h>
#define HAVE_VEC 1
typedef uint8x16_t vec;
#define VLOAD(p) vld1q_u8((const uint8_t *)(p))
#define VSET(c) vdupq_n_u8((uint8_t)(c))
#define VEQ(a, c) vceqq_u8((a), VSET(c))
#define VOR(a, b) vorrq_u8((a), (b))
#define VAND(a, b) vandq_u8((a), (b))
#define VANDNOT(a, b) vbicq_u8((b), (a)) /* b & ~a */
#define VLE(a, c) vcleq_u8((a), VSET(c))
#define VANY(a) (vmaxvq_u8(a) != 0)
#endif

#ifdef HAVE_VEC
/* One bit a byte of a comparison's result (SSE2 has it in one instruction). */
static inline unsigned bits16(vec m)
{
#if defined(__SSE2__) || defined(_M_X64) || defined(_M_AMD64)
    return (unsigned)_mm_movemask_epi8(m);
#else
    uint8_t lanes[16];
    unsigned bits = 0;
    vst1q_u8(lanes, m);
    for (int k = 0; k < 16; k++)
        if (lanes[k]) bits |= 1u << k;
    return bits;
#endif
}
#endif

#ifdef HAVE_VEC
static inline int ascii16(const uchar *p)  /* no byte of 16 has its high bit set */
{
#if defined(__SSE2__) || defined(_M_X64) || defined(_M_AMD64)
    return _mm_movemask_epi8(VLOAD(p)) == 0;
#else
    return vmaxvq_u8(VLOAD(p)) < 0x80;
#endif
}
#endif

#if defined(_MSC_VER)
#include <intrin.h>
static inline int ctz32(unsigned x) { unsigned long i; _BitScanForward(&i, x); return (int)i; }
#else
#define ctz32(x) __builtin_ctz(x)
#endif

/* The first p >= i with a line break at p and a '-' after it, or n: where a closing
 * '---' line may start. */
static inline ssize find_break_dash(const uchar *s, ssize i, ssize n)
{
#ifdef HAVE_VEC
    for (; i + 17 <= n; i += 16) {
        unsigned bits = bits16(VAND(VEQ(VLOAD(s + i), '\n'), VEQ(VLOAD(s + i + 1), '-')));
        if (bits) return i + ctz32(bits);
    }
#endif
    for (; i + 1 < n; i++)
        if (s[i] == '\n' && s[i + 1] == '-') return i;
    return n;
}

/* The first p >= i with a line break at p followed by a byte that is not ' ', tab, a line
 * break or '#' (entries.TOP_LINE: a top-level entry starts at p + 1), or n. */
static inline ssize find_top_line(const uchar *s, ssize i, ssize n)
{
#ifdef HAVE_VEC
    for (; i + 17 <= n; i += 16) {
        vec next = VLOAD(s + i + 1);
        vec inside = VOR(VOR(VEQ(next, ' '), VEQ(next, '\t')), VOR(VOR(VEQ(next, '\n'), VEQ(next, '\r')), VEQ(next, '#')));
        unsigned bits = bits16(VANDNOT(inside, VEQ(VLOAD(s + i), '\n')));
        if (bits) return i + ctz32(bits);
    }
#endif
    for (; i + 1 < n; i++) {
        uchar c = s[i + 1];
        if (s[i] == '\n' && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#') return i;
    }
    return n;
}

/* The first i at or after i whose 16-byte block holds a byte suspicious() stops at. */
static inline ssize skip_unsuspicious(const uchar *f, ssize i, ssize n)
{
#ifdef HAVE_VEC
    while (i + 16 <= n) {
        vec v = VLOAD(f + i);
        vec m = VANDNOT(VOR(VEQ(v, '\t'), VEQ(v, '\n')), VLE(v, 0x1f));
        m = VOR(m, VOR(VEQ(v, 0x7f), VOR(VEQ(v, 0xC2), VEQ(v, 0xEF))));
        m = VOR(m, VOR(VOR(VEQ(v, '['), VEQ(v, '{')), VOR(VEQ(v, '\\'), VOR(VEQ(v, '&'), VEQ(v, '*')))));
        m = VOR(m, VEQ(v, '!'));
        if (VANY(m)) break;
        i += 16;
    }
#endif
    return i;
}

/* ...holding a '"', '\\' or line break (the end of a double-quoted string's plain run) */
static inline ssize skip_quoted_run(const uchar *s, ssize i, ssize n)
{
#ifdef HAVE_VEC
    while (i + 16 <= n) {
        vec v = VLOAD(s + i);
        if (VANY(VOR(VEQ(v, '"'), VOR(VEQ(v, '\\'), VEQ(v, '\n'))))) break;
        i += 16;
    }
#endif
    return i;
}

/* ---------- small helpers ---------- */
static inline int is_key_start(uchar c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static inline int is_key_char(uchar c)
{
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}
static inline int is_hex(uchar c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static inline int is_word(uchar c) { return is_key_start(c) || (c >= '0' && c <= '9'); }

/* quickvalues._CONTROL at s[i]: C0 but tab (LF and CR included), DEL, C1 as UTF-8,
 * U+2028, U+2029, U+FEFF. */
static inline int control_at(const uchar *s, ssize i, ssize n)
{
    uchar c = s[i];
    if (c < 0x20) return c != '\t';
    if (c == 0x7f) return 1;
    if (c == 0xC2) return i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F;
    if (c == 0xE2) return i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9);
    if (c == 0xEF) return i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF;
    return 0;
}

static inline int any_control(const uchar *s, ssize n)
{
    for (ssize i = 0; i < n; i++)
        if ((s[i] < 0x20 || s[i] >= 0x7f) && control_at(s, i, n)) return 1;
    return 0;
}

static inline int contains(const uchar *s, ssize n, const char *pat, ssize m)
{
    for (ssize i = 0; i + m <= n; i++)
        if (s[i] == (uchar)pat[0] && memcmp(s + i, pat, m) == 0) return 1;
    return 0;
}

static inline PyObject *text_of(const uchar *s, ssize n) { return PyUnicode_DecodeUTF8((const char *)s, n, "strict"); }

/* What a value reader returns for "not a shape read here" (not a Python object). */
extern int nds_unsure_marker;
#define UNSURE ((PyObject *)&nds_unsure_marker)
/* The Python pieces the scanner hands rare cases to (set by _scan.configure). */
extern PyObject *nds_plain_fn, *nds_unsure_obj, *nds_nested_obj;

/* quickvalues.entry of one top-level entry's bytes (_scan_values.c) */
PyObject *nds_entry(const uchar *s, ssize n, const uchar **written, ssize *written_n);
/* The text of a double-quoted scalar's body whose escapes were checked by the caller
 * (\\ \" \/ \n \r \t \b \f \uXXXX), as json.loads gives it; UNSURE for a \u surrogate;
 * NULL with an exception (_scan_values.c) */
PyObject *nds_unescaped(const uchar *body, ssize m);
/* scan._count_items: the related list's items, or -1 when unsure (_scan_related.c) */
ssize nds_count_items(const uchar *s, ssize n);

/* _scan_refuse.c: whole-file refusals (1: valid UTF-8 / suspicious). */
int nds_utf8_valid(const uchar *s, ssize n);
void nds_init_tables(void);
int nds_suspicious(const uchar *f, ssize n);

/* _scan_check.c: the check's quick proof (check, configure_check), added to the module. */
extern PyMethodDef nds_check_methods[];
extern PyMethodDef nds_open_methods[];  /* _scan_open.c: the window's open */
extern PyMethodDef nds_patch_methods[];  /* _scan_patch.c: guard's renameat2 */

#endif
