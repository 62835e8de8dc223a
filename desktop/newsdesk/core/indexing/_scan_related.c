/* scan._count_items in C: a related list's items by their dash lines (see _scan.c). */
#include "_scan.h"

/* ---------- scan._count_items: -1 when unsure ---------- */
/* entries.risky at one starting point p (a line break, or ": " / "- "): spaces and then
 * an unclosed double quote or one of | > ' [ { */
static int risky_at(const uchar *s, ssize n, ssize p)
{
    ssize q = s[p] == '\n' ? p + 1 : p + 2;
    while (q < n && s[q] == ' ') q++;
    if (q >= n) return 0;
    uchar c = s[q];
    if (c == '|' || c == '>' || c == '\'' || c == '[' || c == '{') return 1;
    if (c != '"') return 0;
    q++;
    for (;;) {
        q = skip_quoted_run(s, q, n);
        if (q >= n) return 1;           /* $ at the end */
        if (s[q] == '"') return 0;      /* closed: \r?$ fails at the quote */
        if (s[q] == '\n') return 1;     /* $ before a line break */
        if (s[q] == '\\') {
            if (q + 1 < n && s[q + 1] != '\n') { q += 2; continue; }
            return 0;                   /* \r?$ fails at the backslash */
        }
        q++;
    }
}

static int risky_start(const uchar *s, ssize n, ssize p)
{
    return s[p] == '\n' || ((s[p] == ':' || s[p] == '-') && p + 1 < n && s[p + 1] == ' ');
}

/* entries.risky: a tab, or a risky_at starting point */
static int risky(const uchar *s, ssize n)
{
    if (memchr(s, '\t', n)) return 1;
    ssize p = 0;
#ifdef HAVE_VEC
    for (; p + 17 <= n; p += 16) {
        vec v = VLOAD(s + p), next = VLOAD(s + p + 1);
        vec m = VOR(VEQ(v, '\n'), VAND(VEQ(next, ' '), VOR(VEQ(v, ':'), VEQ(v, '-'))));
        for (unsigned bits = bits16(m); bits; bits &= bits - 1)
            if (risky_at(s, n, p + ctz32(bits))) return 1;
    }
#endif
    for (; p < n; p++)
        if (risky_start(s, n, p) && risky_at(s, n, p)) return 1;
    return 0;
}

#define MAX_PARTS 128

typedef struct { ssize level; const uchar *key; ssize len; } part_t;

static int item_clean(const part_t *parts, ssize count, ssize item_len, ssize longest_part, ssize longest)
{
    for (ssize a = 0; a < count; a++)
        for (ssize b = a + 1; b < count; b++)
            if (parts[a].level == parts[b].level && parts[a].len == parts[b].len
                && memcmp(parts[a].key, parts[b].key, parts[a].len) == 0)
                return 0;
    return !(item_len > 1024 && longest_part > longest);
}

/* suspect.block_keys_clean: 1 clean, 0 not, -1 unsure (a non-ASCII byte after a key,
 * or an item of more keys than counted here). The key lines it looks at: "\n", dash
 * spaces, then "- ", "  " or "    " and a key followed by [ \t]*: and a space, a line
 * break or the end; each "- " line starts an item, whose first key counts as one at
 * dash+2 spaces, and no item may repeat (level, key). */
static int block_keys_clean(const uchar *s, ssize n, ssize dash, ssize *items)
{
    part_t parts[MAX_PARTS];
    ssize count = 0, item_len = 0, longest_part = 0;
    const ssize longest = 1024 + dash + 5;
    int in_item = 0;
    /* and, in the same pass, _count_items' count: chunk.count(d + " ") + chunk.count(d +
     * "\n") + chunk.count(d + "\r\n") with d = "\n" + dash spaces + "-": each count is of
     * non-overlapping matches, and the last two can share a line break ("\n  -\n  -\n"
     * counts once) */
    ssize total = 0, free_lf = 0, free_crlf = 0;
    const uchar *nl = memchr(s, '\n', n);
    while (nl) {
        ssize at = nl - s, i = at + 1;
        nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
        ssize sp = 0;
        while (sp < dash && i + sp < n && s[i + sp] == ' ') sp++;
        if (sp < dash) continue;
        i += dash;
        if (i + 1 < n && s[i] == '-') {
            uchar c = s[i + 1];
            if (c == ' ') total++;
            else if (c == '\n') { if (at >= free_lf) { total++; free_lf = i + 2; } }
            else if (c == '\r' && i + 2 < n && s[i + 2] == '\n') { if (at >= free_crlf) { total++; free_crlf = i + 3; } }
        }
        ssize level, k;
        if (i + 2 < n && s[i] == '-' && s[i + 1] == ' ' && is_key_start(s[i + 2])) { level = -2; k = i + 2; }
        else if (i + 2 < n && s[i] == ' ' && s[i + 1] == ' ' && is_key_start(s[i + 2])) { level = dash + 2; k = i + 2; }
        else if (i + 4 < n && memcmp(s + i, "    ", 4) == 0 && is_key_start(s[i + 4])) { level = dash + 4; k = i + 4; }
        else continue;
        ssize e = k;
        while (e < n && is_key_char(s[e])) e++;
        if (e < n && s[e] >= 0x80) return -1;
        ssize c = e;
        while (c < n && (s[c] == ' ' || s[c] == '\t')) c++;
        if (!(c < n && s[c] == ':' && (c + 1 == n || s[c + 1] == ' ' || s[c + 1] == '\t' || s[c + 1] == '\r'
                                      || s[c + 1] == '\n')))
            continue;
        ssize kl = e - k;
        if (level == -2) {
            if (in_item && !item_clean(parts, count, item_len, longest_part, longest)) return 0;
            in_item = 1;
            count = 0;
            longest_part = 0;
            level = dash + 2;
            item_len = kl;
        } else {
            if (!in_item) continue;  /* before the first item: split(...)[1:] drops it */
            item_len += 1 + level + kl;
        }
        if (count == MAX_PARTS) return -1;
        parts[count].level = level;
        parts[count].key = s + k;
        parts[count].len = kl;
        count++;
        if (level + kl > longest_part) longest_part = level + kl;
    }
    if (in_item && !item_clean(parts, count, item_len, longest_part, longest)) return 0;
    *items = total;
    return 1;
}

ssize nds_count_items(const uchar *s, ssize n)
{
    ssize i = 0;
    while (i < n && is_key_char(s[i])) i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    i++;  /* the colon (KEY matched) */
    ssize e = i;
    while (e < n && s[e] != '\n') e++;
    ssize a = i;  /* after the key: strip(" \t\r") empty or a comment */
    while (a < e && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
    if (a < e && s[a] != '#') return -1;
    /* _FIRST_ITEM */
    if (e >= n) return -1;
    ssize p = e + 1;
    for (;;) {  /* blank or comment lines */
        ssize q = p;
        while (q < n && (s[q] == ' ' || s[q] == '\t')) q++;
        if (q < n && s[q] == '#') while (q < n && s[q] != '\n') q++;
        if (q < n && s[q] == '\r') q++;
        if (q < n && s[q] == '\n') { p = q + 1; continue; }
        break;
    }
    ssize dash = 0;
    while (p + dash < n && s[p + dash] == ' ') dash++;
    ssize d = p + dash;
    if (!(d < n && s[d] == '-')) return -1;
    if (!(d + 1 < n && (s[d + 1] == ' ' || s[d + 1] == '\t' || s[d + 1] == '\n'
                        || (s[d + 1] == '\r' && d + 2 < n && s[d + 2] == '\n'))))
        return -1;
    if (risky(s, n)) return -1;
    ssize total;
    return block_keys_clean(s, n, dash, &total) == 1 ? total : -1;
}
