/* What sends a file to the full parse before any entry is read, in C: strict UTF-8 as
 * source.decode wants it, and suspect.needs_full_parse on the bytes of the front. Used by
 * _scan.c's scan(); the byte rules are listed at the top of _scan.c. */
#include "_scan.h"

/* ---------- UTF-8 (source.decode: strict, no surrogates) ---------- */
int nds_utf8_valid(const uchar *s, ssize n)
{
    ssize i = 0;
    while (i < n) {
#ifdef HAVE_VEC
        while (i + 16 <= n && ascii16(s + i)) i += 16;
        if (i == n) break;  /* not s[n]: only a bytes object's terminator made that read safe */
#endif
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) { i += 8; continue; }
        }
        uchar c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
            if (c == 0xE0 && s[i + 1] < 0xA0) return 0;   /* overlong */
            if (c == 0xED && s[i + 1] >= 0xA0) return 0;  /* surrogate */
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80
                || (s[i + 3] & 0xC0) != 0x80) return 0;
            if (c == 0xF0 && s[i + 1] < 0x90) return 0;
            if (c == 0xF4 && s[i + 1] >= 0x90) return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

/* ---------- suspect.needs_full_parse, on the bytes up to the closing line ---------- */
/* The bytes suspicious() stops at; every other byte is passed over by one table look-up
 * (the chain of tests per byte was two thirds of the time), or a vector compare. */
static uchar SUSPECT[256];

void nds_init_tables(void)
{
    for (int c = 0; c < 0x20; c++)
        SUSPECT[c] = c != '\t' && c != '\n';
    const char *marks = "\x7f\xc2\xef[{\\&*";
    for (const char *m = marks; *m; m++) SUSPECT[(uchar)*m] = 1;
}

int nds_suspicious(const uchar *f, ssize n)
{
    ssize flow = 0;
    for (ssize i = 0, stop = 0; i < n; i++) {
        if (i >= stop) {
            i = skip_unsuspicious(f, i, n);
            stop = i + 16;
            if (i >= n) break;
        }
        if (!SUSPECT[f[i]]) continue;
        uchar c = f[i];
        if (c < 0x20) {
            if (c == '\r') { if (i + 1 >= n || f[i + 1] != '\n') return 1; }  /* a CR not before an LF */
            else if (c != '\t' && c != '\n') return 1;
        } else if (c == 0x7f) {
            return 1;
        } else if (c == 0xC2) {
            if (i + 1 < n && ((f[i + 1] >= 0x80 && f[i + 1] <= 0x84) || (f[i + 1] >= 0x86 && f[i + 1] <= 0x9F)))
                return 1;
        } else if (c == 0xEF) {
            if (i + 2 < n && f[i + 1] == 0xBF && (f[i + 2] == 0xBE || f[i + 2] == 0xBF)) return 1;
        } else if (c == '[' || c == '{') {
            if (++flow > 256) return 1;
        } else if (c == '\\') {  /* \\(?:u|U0000)[dD][89a-fA-F] */
            ssize j = i + 1;
            if (j < n && f[j] == 'u') j += 1;
            else if (j + 5 <= n && memcmp(f + j, "U0000", 5) == 0) j += 5;
            else continue;
            if (j + 1 < n && (f[j] == 'd' || f[j] == 'D')) {
                uchar d = f[j + 1];
                if ((d >= '8' && d <= '9') || (d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F')) return 1;
            }
        } else if (c == '&' || c == '*') {
            uchar before = i ? f[i - 1] : '\n';
            if (!strchr(" \t\n\r[{,:-", before) || before == 0) continue;
            if (i + 1 >= n) continue;
            uchar after = f[i + 1];
            if (strchr(" \t\r\n,]}", after) && after != 0) continue;
            if (c == '&') {  /* an HTML entity &#?\w{1,10}; is not an anchor */
                ssize j = i + 1, k;
                if (j < n && f[j] == '#') j++;
                for (k = j; k < n && k - j < 11 && is_word(f[k]); k++) {}
                /* the regex backtracks: any 1..10 word characters followed by ';' */
                ssize w = k - j;
                if (w > 10) w = 10;
                int entity = 0;
                for (ssize len = w; len >= 1; len--)
                    if (j + len < n && f[j + len] == ';') { entity = 1; break; }
                if (!entity && j > i + 1) {  /* '#' optional: also try without it */
                    j = i + 1;
                    for (k = j; k < n && k - j < 11 && is_word(f[k]); k++) {}
                    w = k - j > 10 ? 10 : k - j;
                    for (ssize len = w; len >= 1; len--)
                        if (j + len < n && f[j + len] == ';') { entity = 1; break; }
                }
                if (entity) continue;
            }
            return 1;
        }
    }
    return 0;
}
