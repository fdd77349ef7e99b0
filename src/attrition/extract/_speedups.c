/* Speed-ups for attrition.extract.text, written against CPython's C API.
 *
 * Each function here gives exactly what a function of text.py gives in pure Python (the pure
 * one is the definition; tests/test_speedups.py compares the two on generated and real text).
 * The module is built beside the mypyc modules by `attrition native build` and is only imported
 * from that build's folder, so ATTRITION_PURE=1 or a stale build leaves the pure Python in use.
 *
 *   tokenize(text, start, stop) -> (starts, ends, texts, lows)
 *       the tokens of text[start:stop] as text.split_tokens gives them.
 *   Words(words, before, after, consume).find(text, lo, end) -> [(start, end), ...]
 *   Words(...).starts(text, lo, end) -> [start, ...]
 *       where a word of the list begins in text[lo:end] (the longest one that may end there), as a
 *       regex alternation of the words between the given tests finds it (text.Words documents them).
 *   date_digits(text, start, end) -> [start, ...]
 *       where dates._DIGIT_CANDIDATE matches, not after a letter.
 *   sentence_ends(text, start, end) -> [(start, end), ...]
 *       the spans of text._SENT_END.finditer over text[start:end].
 *   digit_figures(text, start, end) -> [(start, end, digits, scale_word, scale_letter), ...]
 *       numbers._DIGITS_SCAN.finditer over text[start:end]: each match's span and groups d, sw, sl.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The arguments every scan takes: a str and a range of it (clamped to the text, as a pattern's
 * pos and endpos are), with the string's kind and data. */
typedef struct {
    PyObject *text;
    Py_ssize_t start, end;
    int kind;
    const void *data;
} Range;

static int parse_range(PyObject *args, const char *format, Range *r) {
    if (!PyArg_ParseTuple(args, format, &r->text, &r->start, &r->end))
        return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(r->text);
    if (r->start < 0)
        r->start = 0;
    if (r->end > n)
        r->end = n;
    r->kind = PyUnicode_KIND(r->text);
    r->data = PyUnicode_DATA(r->text);
    return 1;
}

/* [A-Za-z\u00C0-\u024F]: the letters of _TOKEN (the range holds U+00D7 and U+00F7 too) */
static inline int latin(Py_UCS4 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F);
}

static inline int ascii_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* \d of a str pattern: a Unicode decimal digit */
static inline int is_digit(Py_UCS4 c) { return c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c); }

static inline int is_space(Py_UCS4 c) { return c < 128 ? (c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)) : Py_UNICODE_ISSPACE(c); }

/* (?:['’][A-Za-z]++)? after a word: where the word ends */
static inline Py_ssize_t apostrophe_part(int kind, const void *data, Py_ssize_t k, Py_ssize_t stop) {
    if (k + 1 < stop) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if ((c == '\'' || c == 0x2019) && ascii_letter(PyUnicode_READ(kind, data, k + 1))) {
            k += 2;
            while (k < stop && ascii_letter(PyUnicode_READ(kind, data, k)))
                k++;
        }
    }
    return k;
}

static inline Py_ssize_t latin_run(int kind, const void *data, Py_ssize_t k, Py_ssize_t stop) {
    while (k < stop && latin(PyUnicode_READ(kind, data, k)))
        k++;
    return k;
}

static inline Py_ssize_t digit_run(int kind, const void *data, Py_ssize_t k, Py_ssize_t stop) {
    while (k < stop && is_digit(PyUnicode_READ(kind, data, k)))
        k++;
    return k;
}

/* The end of the token that starts at i (a character that is not whitespace), by the branches of
 * text._TOKEN in their order. */
static Py_ssize_t token_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t stop) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    Py_ssize_t k;
    if (c >= 'a' && c <= 'z') /* [a-z][A-Za-z\u00C0-\u024F]*+(?:['’][A-Za-z]++)? */
        return apostrophe_part(kind, data, latin_run(kind, data, i + 1, stop), stop);
    if (c >= 'A' && c <= 'Z') {
        /* [A-Z](?:\.(?:[A-Z]\.)++|[A-Za-z\u00C0-\u024F]*+(?:['’][A-Za-z]++)?)(?:\d++(?![.,]\d))? */
        k = i + 1;
        if (k + 2 < stop && PyUnicode_READ(kind, data, k) == '.') {
            Py_UCS4 a = PyUnicode_READ(kind, data, k + 1);
            Py_UCS4 b = PyUnicode_READ(kind, data, k + 2);
            if (a >= 'A' && a <= 'Z' && b == '.') {
                k += 3;
                while (k + 1 < stop && PyUnicode_READ(kind, data, k) >= 'A' && PyUnicode_READ(kind, data, k) <= 'Z' &&
                       PyUnicode_READ(kind, data, k + 1) == '.')
                    k += 2;
                goto digits;
            }
        }
        k = apostrophe_part(kind, data, latin_run(kind, data, k, stop), stop);
    digits:
        if (k < stop && is_digit(PyUnicode_READ(kind, data, k))) {
            Py_ssize_t d = digit_run(kind, data, k + 1, stop);
            if (d + 1 < stop) {
                Py_UCS4 s = PyUnicode_READ(kind, data, d);
                if ((s == '.' || s == ',') && is_digit(PyUnicode_READ(kind, data, d + 1)))
                    return k; /* the digits' lookahead fails: the optional group is empty */
            }
            return d;
        }
        return k;
    }
    if (is_digit(c)) { /* \d++(?:[.,]\d++)*+ */
        k = digit_run(kind, data, i + 1, stop);
        while (k + 1 < stop) {
            Py_UCS4 s = PyUnicode_READ(kind, data, k);
            if ((s == '.' || s == ',') && is_digit(PyUnicode_READ(kind, data, k + 1)))
                k = digit_run(kind, data, k + 2, stop);
            else
                break;
        }
        return k;
    }
    if (latin(c)) /* [A-Za-z\u00C0-\u024F]++(?:['’][A-Za-z]++)? */
        return apostrophe_part(kind, data, latin_run(kind, data, i + 1, stop), stop);
    return i + 1; /* [^\sA-Za-z\u00C0-\u024F\d]: any other single character */
}

/* token.lower().replace("’", "'"), built directly for a token of ASCII and curly apostrophes */
static PyObject *lowered(PyObject *tok, int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t k;
    int plain = 1, changed = 0, caseless = 1;
    for (k = a; k < b; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == 0x2019 || (c >= 'A' && c <= 'Z'))
            changed = 1;
        else if (c >= 0x80) {
            plain = 0;
            /* lower case leaves a character whose simple lower case is itself (the full mappings
             * differ only for capitals: the dotted I, and the sigma, which the caller keeps away) */
            if (Py_UNICODE_TOLOWER(c) != c)
                caseless = 0;
        }
    }
    if (!plain && !changed && caseless) { /* dashes, quotes, letters of scripts without case */
        Py_INCREF(tok);
        return tok;
    }
    if (plain) {
        if (!changed) {
            Py_INCREF(tok);
            return tok;
        }
        PyObject *out = PyUnicode_New(b - a, 127);
        if (out == NULL)
            return NULL;
        Py_UCS1 *dst = PyUnicode_1BYTE_DATA(out);
        for (k = a; k < b; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, k);
            dst[k - a] = (Py_UCS1)(c == 0x2019 ? '\'' : (c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        return out;
    }
    PyObject *low = PyObject_CallMethod(tok, "lower", NULL);
    if (low == NULL)
        return NULL;
    Py_ssize_t at = PyUnicode_FindChar(low, 0x2019, 0, PyUnicode_GET_LENGTH(low), 1);
    if (at == -1)
        return low;
    if (at == -2) {
        Py_DECREF(low);
        return NULL;
    }
    PyObject *curly = PyUnicode_FromOrdinal(0x2019);
    PyObject *straight = PyUnicode_FromOrdinal('\'');
    PyObject *out = (curly && straight) ? PyUnicode_Replace(low, curly, straight, -1) : NULL;
    Py_XDECREF(curly);
    Py_XDECREF(straight);
    Py_DECREF(low);
    return out;
}

static int append_new(PyObject *list, PyObject *item) {
    if (item == NULL)
        return -1;
    int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}

static PyObject *tokenize(PyObject *Py_UNUSED(self), PyObject *args) {
    Range r;
    if (!parse_range(args, "Unn:tokenize", &r))
        return NULL;
    PyObject *text = r.text;
    Py_ssize_t start = r.start, stop = r.end;
    int kind = r.kind;
    const void *data = r.data;
    PyObject *starts = PyList_New(0), *ends = PyList_New(0), *texts = PyList_New(0), *lows = PyList_New(0);
    if (!starts || !ends || !texts || !lows)
        goto fail;
    Py_ssize_t i = start;
    while (i < stop) {
        if (is_space(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = token_end(kind, data, i, stop);
        PyObject *tok = PyUnicode_Substring(text, i, e);
        if (tok == NULL)
            goto fail;
        if (append_new(lows, lowered(tok, kind, data, i, e)) < 0 || PyList_Append(texts, tok) < 0) {
            Py_DECREF(tok);
            goto fail;
        }
        Py_DECREF(tok);
        if (append_new(starts, PyLong_FromSsize_t(i)) < 0 || append_new(ends, PyLong_FromSsize_t(e)) < 0)
            goto fail;
        i = e;
    }
    return Py_BuildValue("(NNNN)", starts, ends, texts, lows);
fail:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(texts);
    Py_XDECREF(lows);
    return NULL;
}

/* ---------------------------------------------------------------- words */

/* \w of a str pattern: a letter, a digit or a character with a numeric value, or the underscore */
static inline int is_word(Py_UCS4 c) {
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    return Py_UNICODE_ISALNUM(c);
}

static inline int is_alpha(Py_UCS4 c) {
    return c < 128 ? ascii_letter(c) : Py_UNICODE_ISALPHA(c);
}

enum { BEFORE_ANY = 0, BEFORE_NO_ASCII_LETTER = 1, BEFORE_BOUNDARY = 2, BEFORE_NO_LETTER = 3, BEFORE_NO_WORD_OR_HYPHEN = 4 };
enum { AFTER_ANY = 0, AFTER_BOUNDARY = 1, AFTER_NO_WORD_OR_HYPHEN = 2 };

typedef struct {
    Py_UCS4 ch;
    int32_t node;    /* the node this edge leads to */
    int32_t sibling; /* the next edge out of the same node, or -1 */
} Edge;

typedef struct {
    PyObject_HEAD
    Edge *edges;
    int32_t *first_edge; /* per node: its first edge, or -1 */
    char *terminal;      /* per node: a word ends here */
    int32_t n_nodes, n_edges, cap_nodes, cap_edges;
    int before, after, consume;
    int32_t root_ascii[128];        /* the node after a word's first character, an ASCII one; 0: none */
    int other_first;                /* some word begins with a character beyond ASCII */
} WordsObject;

static int32_t child(const WordsObject *w, int32_t node, Py_UCS4 ch) {
    for (int32_t e = w->first_edge[node]; e >= 0; e = w->edges[e].sibling)
        if (w->edges[e].ch == ch)
            return w->edges[e].node;
    return -1;
}

static int32_t new_node(WordsObject *w) {
    if (w->n_nodes == w->cap_nodes) {
        int32_t cap = w->cap_nodes ? 2 * w->cap_nodes : 64;
        int32_t *fe = PyMem_Realloc(w->first_edge, (size_t)cap * sizeof(int32_t));
        if (fe == NULL)
            return -1;
        w->first_edge = fe;
        char *t = PyMem_Realloc(w->terminal, (size_t)cap);
        if (t == NULL)
            return -1;
        w->terminal = t;
        w->cap_nodes = cap;
    }
    w->first_edge[w->n_nodes] = -1;
    w->terminal[w->n_nodes] = 0;
    return w->n_nodes++;
}

static int32_t add_edge(WordsObject *w, int32_t from, Py_UCS4 ch) {
    if (w->n_edges == w->cap_edges) {
        int32_t cap = w->cap_edges ? 2 * w->cap_edges : 64;
        Edge *e = PyMem_Realloc(w->edges, (size_t)cap * sizeof(Edge));
        if (e == NULL)
            return -1;
        w->edges = e;
        w->cap_edges = cap;
    }
    int32_t to = new_node(w);
    if (to < 0)
        return -1;
    Edge *e = &w->edges[w->n_edges];
    e->ch = ch;
    e->node = to;
    e->sibling = w->first_edge[from];
    w->first_edge[from] = w->n_edges++;
    return to;
}

static void words_dealloc(WordsObject *w) {
    PyMem_Free(w->edges);
    PyMem_Free(w->first_edge);
    PyMem_Free(w->terminal);
    Py_TYPE(w)->tp_free((PyObject *)w);
}

static PyObject *words_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"words", "before", "after", "consume", NULL};
    PyObject *words;
    int before, after, consume;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "Oiip:Words", kwlist, &words, &before, &after, &consume))
        return NULL;
    if (before < BEFORE_ANY || before > BEFORE_NO_WORD_OR_HYPHEN || after < AFTER_ANY || after > AFTER_NO_WORD_OR_HYPHEN) {
        PyErr_SetString(PyExc_ValueError, "Words: unknown test before or after a word");
        return NULL;
    }
    WordsObject *w = (WordsObject *)type->tp_alloc(type, 0);
    if (w == NULL)
        return NULL;
    w->before = before;
    w->after = after;
    w->consume = consume;
    PyObject *it = NULL, *word = NULL;
    if (new_node(w) < 0)
        goto nomem;
    it = PyObject_GetIter(words);
    if (it == NULL)
        goto fail;
    while ((word = PyIter_Next(it)) != NULL) {
        if (!PyUnicode_Check(word) || PyUnicode_GET_LENGTH(word) == 0) {
            PyErr_SetString(PyExc_TypeError, "Words: every word must be a non-empty str");
            goto fail;
        }
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        Py_ssize_t n = PyUnicode_GET_LENGTH(word);
        Py_UCS4 c0 = PyUnicode_READ(kind, data, 0);
        if (c0 >= 128)
            w->other_first = 1;
        int32_t node = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, k);
            int32_t next = child(w, node, c);
            if (next < 0 && (next = add_edge(w, node, c)) < 0)
                goto nomem;
            node = next;
        }
        w->terminal[node] = 1;
        Py_CLEAR(word);
    }
    if (PyErr_Occurred())
        goto fail;
    Py_DECREF(it);
    for (Py_UCS4 c = 0; c < 128; c++) {
        int32_t node = child(w, 0, c);
        w->root_ascii[c] = node < 0 ? 0 : node;
    }
    return (PyObject *)w;
nomem:
    PyErr_NoMemory();
fail:
    Py_XDECREF(word);
    Py_XDECREF(it);
    Py_DECREF(w);
    return NULL;
}

/* Where the longest word allowed at p ends, or -1: a word of the list at text[p:], within end,
 * with the test after it passed (a shorter word is taken when a longer one fails it). The word's
 * first character is c, and first the node it leads to (0: none yet looked up). */
static Py_ssize_t longest_at(const WordsObject *w, int kind, const void *data, Py_ssize_t p, Py_ssize_t end,
                             int32_t first) {
    int32_t node = first > 0 ? first : child(w, 0, PyUnicode_READ(kind, data, p));
    Py_ssize_t best = -1;
    for (Py_ssize_t k = p + 1; node >= 0;) {
        if (w->terminal[node]) {
            if (w->after == AFTER_BOUNDARY) {
                int that = is_word(PyUnicode_READ(kind, data, k - 1));
                int this = k < end ? is_word(PyUnicode_READ(kind, data, k)) : 0;
                if (this != that)
                    best = k;
            } else if (w->after == AFTER_NO_WORD_OR_HYPHEN && k < end) {
                Py_UCS4 next = PyUnicode_READ(kind, data, k);
                if (next != '-' && !is_word(next))
                    best = k;
            } else
                best = k;
        }
        if (k >= end)
            break;
        node = child(w, node, PyUnicode_READ(kind, data, k));
        k++;
    }
    return best;
}

/* Whether a word may begin at a character c after the character prev (has_prev: there is one). */
static inline int before_ok(int before, int has_prev, Py_UCS4 prev, Py_UCS4 c) {
    switch (before) {
    case BEFORE_NO_ASCII_LETTER:
        return !has_prev || !ascii_letter(prev);
    case BEFORE_BOUNDARY:
        return (has_prev && is_word(prev)) != is_word(c);
    case BEFORE_NO_LETTER:
        return !has_prev || !is_alpha(prev);
    case BEFORE_NO_WORD_OR_HYPHEN:
        return !has_prev || (prev != '-' && !is_word(prev));
    default:
        return 1;
    }
}

/* The scan both methods share: each match's start (and end, with ends) appended to out. */
static PyObject *words_scan(WordsObject *w, PyObject *args, int ends) {
    Range r;
    if (!parse_range(args, "Unn", &r))
        return NULL;
    Py_ssize_t lo = r.start, end = r.end;
    int kind = r.kind;
    const void *data = r.data;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    int before = w->before;
    Py_ssize_t p = lo;
    Py_UCS4 prev = p > 0 ? PyUnicode_READ(kind, data, p - 1) : 0;
    while (p < end) {
        /* to the next character a word begins with (read without the kind's switch: most are not) */
        Py_UCS4 c = 0;
        int32_t first = 0;
#define SKIP(TYPE)                                                                                               \
    {                                                                                                            \
        const TYPE *chars = (const TYPE *)data;                                                                  \
        for (; p < end; p++) {                                                                                   \
            c = chars[p];                                                                                        \
            first = c < 128 ? w->root_ascii[c] : (w->other_first ? -1 : 0);                                      \
            if (first != 0)                                                                                      \
                break;                                                                                           \
            prev = c;                                                                                            \
        }                                                                                                        \
    }
        if (kind == PyUnicode_1BYTE_KIND)
            SKIP(Py_UCS1)
        else if (kind == PyUnicode_2BYTE_KIND)
            SKIP(Py_UCS2)
        else
            SKIP(Py_UCS4)
#undef SKIP
        if (p >= end)
            break;
        if (before_ok(before, p > 0, prev, c)) {
            Py_ssize_t e = longest_at(w, kind, data, p, end, first);
            if (e >= 0) {
                PyObject *item = ends ? Py_BuildValue("(nn)", p, e) : PyLong_FromSsize_t(p);
                if (append_new(out, item) < 0) {
                    Py_DECREF(out);
                    return NULL;
                }
                if (w->consume) {
                    p = e;
                    prev = PyUnicode_READ(kind, data, e - 1);
                    continue;
                }
            }
        }
        prev = c;
        p++;
    }
    return out;
}

static PyObject *words_find(PyObject *self, PyObject *args) { return words_scan((WordsObject *)self, args, 1); }

static PyObject *words_starts(PyObject *self, PyObject *args) { return words_scan((WordsObject *)self, args, 0); }

static PyMethodDef words_methods[] = {
    {"find", words_find, METH_VARARGS, "find(text, lo, end) -> [(start, end), ...]"},
    {"starts", words_starts, METH_VARARGS, "starts(text, lo, end) -> [start, ...]"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WordsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "attrition.extract._speedups.Words",
    .tp_basicsize = sizeof(WordsObject),
    .tp_dealloc = (destructor)words_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Words(words, before, after, consume): a trie of words to find in text.",
    .tp_methods = words_methods,
    .tp_new = words_new,
};

/* ---------------------------------------------------------------- dates */

static inline int ascii_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }

/* dates._DIGIT_CANDIDATE at p (text[p] an ASCII digit), all reads before end */
static int date_digit_at(int kind, const void *data, Py_ssize_t p, Py_ssize_t end) {
#define AT(k) PyUnicode_READ(kind, data, (k))
    if (p >= 1) {
        Py_UCS4 b = AT(p - 1);
        if (ascii_digit(b) || ascii_letter(b))
            return 0; /* (?<![0-9A-Za-z][0-9]) */
        if (p >= 2 && (b == ',' || b == '.') && ascii_digit(AT(p - 2)))
            return 0; /* (?<![0-9][,.][0-9]) */
    }
    Py_UCS4 c = AT(p);
    Py_ssize_t q = p + 1;
    /* (?<=1)9[0-9]{2}(?![0-9]) | (?<=2)0[0-9]{2}(?![0-9]) */
    if ((c == '1' || c == '2') && q + 2 < end && AT(q) == (c == '1' ? '9' : '0') && ascii_digit(AT(q + 1)) &&
        ascii_digit(AT(q + 2)) && !(q + 3 < end && ascii_digit(AT(q + 3))))
        return 1;
    /* [0-9]?(?![0-9])(?=[./-][0-9]|[ \u00a0]|st|nd|rd|th) */
    Py_ssize_t r = (q < end && ascii_digit(AT(q))) ? q + 1 : q;
    if (r >= end || ascii_digit(AT(r)))
        return 0;
    Py_UCS4 x = AT(r);
    if (x == ' ' || x == 0xA0)
        return 1;
    if (r + 1 >= end)
        return 0;
    Py_UCS4 y = AT(r + 1);
    if (x == '.' || x == '/' || x == '-')
        return ascii_digit(y);
    return (x == 's' && y == 't') || (x == 'n' && y == 'd') || (x == 'r' && y == 'd') || (x == 't' && y == 'h');
#undef AT
}

static PyObject *date_digits(PyObject *Py_UNUSED(self), PyObject *args) {
    Range r;
    if (!parse_range(args, "Unn:date_digits", &r))
        return NULL;
    Py_ssize_t start = r.start, end = r.end;
    int kind = r.kind;
    const void *data = r.data;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t p = start; p < end; p++) {
        if (!ascii_digit(PyUnicode_READ(kind, data, p)) || !date_digit_at(kind, data, p, end))
            continue;
        if (p > 0 && is_alpha(PyUnicode_READ(kind, data, p - 1)))
            continue; /* after a letter of another script */
        if (append_new(out, PyLong_FromSsize_t(p)) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* ---------------------------------------------------------------- sentences */

static inline int closer(Py_UCS4 c) { return c == '"' || c == 0x201D || c == 0x2019 || c == '\'' || c == ')' || c == ']'; }

static inline int gap(Py_UCS4 c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x2009 || c == 0x202F; }

static inline int opener(Py_UCS4 c) { return c == '"' || c == 0x201C || c == 0x2018 || c == '\'' || c == '(' || c == '['; }

static inline int upper_or_digit(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || ascii_digit(c); }

static inline int stop_mark(Py_UCS4 c) { return c == '.' || c == '!' || c == '?'; }

/* The end of text._SENT_END's match at i (text[i] one of .!?), or -1:
 * [.!?]+["”’')\]]*(?:\[\d{1,3}\])*[ \t\u00a0\u2009\u202f]+(?=["“‘'(\[]?[A-Z0-9])
 * Each part takes all it can: giving any of it back leaves a character the next part cannot take. */
static Py_ssize_t sentence_end_at(int kind, const void *data, Py_ssize_t i, Py_ssize_t end) {
#define AT(k) PyUnicode_READ(kind, data, (k))
    Py_ssize_t k = i + 1;
    while (k < end && stop_mark(AT(k)))
        k++;
    while (k < end && closer(AT(k)))
        k++;
    for (;;) { /* (?:\[\d{1,3}\])* */
        if (k >= end || AT(k) != '[')
            break;
        Py_ssize_t d = k + 1;
        while (d < end && d - k <= 3 && is_digit(AT(d)))
            d++;
        if (d == k + 1 || d >= end || AT(d) != ']')
            break; /* no digits, more than three, or no closing bracket after them */
        k = d + 1;
    }
    Py_ssize_t g = k;
    while (g < end && gap(AT(g)))
        g++;
    if (g == k || g >= end)
        return -1;
    Py_UCS4 c = AT(g);
    if (opener(c))
        return (g + 1 < end && upper_or_digit(AT(g + 1))) || upper_or_digit(c) ? g : -1;
    return upper_or_digit(c) ? g : -1;
#undef AT
}

static PyObject *sentence_ends(PyObject *Py_UNUSED(self), PyObject *args) {
    Range r;
    if (!parse_range(args, "Unn:sentence_ends", &r))
        return NULL;
    Py_ssize_t start = r.start, end = r.end;
    int kind = r.kind;
    const void *data = r.data;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t i = start;
    while (i < end) {
        if (!stop_mark(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = sentence_end_at(kind, data, i, end);
        if (e < 0) {
            i++;
            continue;
        }
        if (append_new(out, Py_BuildValue("(nn)", i, e)) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        i = e;
    }
    return out;
}

/* ---------------------------------------------------------------- figures in digits */

/* c matches the ASCII letter l (lower case) when case is ignored, as the regex engine has it */
static inline int letter_i(Py_UCS4 c, char l) {
    if (c == (Py_UCS4)l || c == (Py_UCS4)(l - 32))
        return 1;
    return (l == 's' && c == 0x17F) || (l == 'i' && (c == 0x130 || c == 0x131)) || (l == 'k' && c == 0x212A);
}

/* [A-Za-z] when case is ignored */
static inline int latin_i(Py_UCS4 c) { return ascii_letter(c) || c == 0x130 || c == 0x131 || c == 0x17F || c == 0x212A; }

/* The end of one of words (case ignored) at k followed by a word boundary, the first in order, or -1 */
static Py_ssize_t scale_word_at(int kind, const void *data, Py_ssize_t k, Py_ssize_t end, const char *const *words) {
    for (; *words; words++) {
        const char *w = *words;
        Py_ssize_t j = k;
        while (*w && j < end && letter_i(PyUnicode_READ(kind, data, j), *w)) {
            w++;
            j++;
        }
        if (*w)
            continue;
        /* \b: the word ends in a letter, so the next character must not be a word character */
        if (j >= end || !is_word(PyUnicode_READ(kind, data, j)))
            return j;
    }
    return -1;
}

static const char *const SCALE_WORDS[] = {"thousand", "million", "billion", "mln", "bn", "mn", NULL};
static const char *const SCALE_AHEAD[] = {"million", "billion", "thousand", "mln", "bn", NULL};

static inline int figure_gap(Py_UCS4 c) { return c == 0xA0 || c == 0x202F || c == 0x2009 || c == ' '; }

/* The end of the group d of _DIGITS_SCAN that starts at p (text[p] an ASCII digit not after [\w.]) */
static Py_ssize_t digits_end(int kind, const void *data, Py_ssize_t p, Py_ssize_t end) {
#define AT(k) PyUnicode_READ(kind, data, (k))
#define DIGIT(k) ((k) < end && is_digit(AT(k)))
    Py_ssize_t lead = p + 1; /* \d{0,2}, taken whole: giving any back leaves a digit where a mark must be */
    while (lead < end && lead - p <= 2 && is_digit(AT(lead)))
        lead++;
    Py_ssize_t k = lead; /* A: (?:,\d{3})+(?:\.\d+)? */
    while (k + 3 < end && AT(k) == ',' && DIGIT(k + 1) && DIGIT(k + 2) && DIGIT(k + 3))
        k += 4;
    if (k > lead) {
        if (k + 1 < end && AT(k) == '.' && DIGIT(k + 1)) {
            k += 2;
            while (DIGIT(k))
                k++;
        }
        return k;
    }
    /* B: (?:[ \u00a0\u202f\u2009]\d{3})+(?![\d]|[,.]\d). With fewer groups than it can take, a
     * space follows, which the lookahead allows: so the most groups, or one fewer. */
    Py_ssize_t last = -1, before_last = -1;
    k = lead;
    while (k + 3 < end && figure_gap(AT(k)) && DIGIT(k + 1) && DIGIT(k + 2) && DIGIT(k + 3)) {
        before_last = last;
        last = k += 4;
    }
    if (last >= 0) {
        if (!DIGIT(last) && !(last + 1 < end && (AT(last) == ',' || AT(last) == '.') && DIGIT(last + 1)))
            return last;
        if (before_last >= 0)
            return before_last;
    }
    /* C: ,\d{1,2}(?=[ \u00a0](?:million|billion|thousand|mln|bn)\b) */
    if (lead + 1 < end && AT(lead) == ',' && DIGIT(lead + 1)) {
        Py_ssize_t c = lead + 2;
        if (DIGIT(c))
            c++;
        if (c < end && (AT(c) == ' ' || AT(c) == 0xA0) && scale_word_at(kind, data, c + 1, end, SCALE_AHEAD) >= 0)
            return c;
    }
    /* D: \d*(?:\.\d+)? */
    k = p + 1;
    while (DIGIT(k))
        k++;
    if (k + 1 < end && AT(k) == '.' && DIGIT(k + 1)) {
        k += 2;
        while (DIGIT(k))
            k++;
    }
    return k;
#undef DIGIT
#undef AT
}

static PyObject *digit_figures(PyObject *Py_UNUSED(self), PyObject *args) {
    Range r;
    if (!parse_range(args, "Unn:digit_figures", &r))
        return NULL;
    Py_ssize_t start = r.start, end = r.end;
    int kind = r.kind;
    const void *data = r.data;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t p = start;
    while (p < end) {
        Py_UCS4 c = PyUnicode_READ(kind, data, p);
        if (!ascii_digit(c)) {
            p++;
            continue;
        }
        if (p > 0) { /* (?<![\w.][0-9]) */
            Py_UCS4 b = PyUnicode_READ(kind, data, p - 1);
            if (b == '.' || is_word(b)) {
                p++;
                continue;
            }
        }
        Py_ssize_t d = digits_end(kind, data, p, end);
        Py_ssize_t e = d, w_start = -1, l_start = -1;
        /* (?P<sw>[ \u00a0]?(?:thousand|million|billion|mln|bn|mn)\b) | (?P<sl>[kKmM](?![A-Za-z\d])) */
        if (d < end) {
            Py_UCS4 x = PyUnicode_READ(kind, data, d);
            Py_ssize_t w = -1;
            if (x == ' ' || x == 0xA0)
                w = scale_word_at(kind, data, d + 1, end, SCALE_WORDS);
            if (w < 0)
                w = scale_word_at(kind, data, d, end, SCALE_WORDS);
            if (w >= 0) {
                w_start = d;
                e = w;
            } else if (letter_i(x, 'k') || letter_i(x, 'm')) {
                if (d + 1 >= end || !(latin_i(PyUnicode_READ(kind, data, d + 1)) || is_digit(PyUnicode_READ(kind, data, d + 1)))) {
                    l_start = d;
                    e = d + 1;
                }
            }
        }
        PyObject *digits = PyUnicode_Substring(r.text, p, d);
        PyObject *sw = w_start >= 0 ? PyUnicode_Substring(r.text, w_start, e) : Py_NewRef(Py_None);
        PyObject *sl = l_start >= 0 ? PyUnicode_Substring(r.text, l_start, e) : Py_NewRef(Py_None);
        PyObject *item = NULL;
        if (digits && sw && sl)
            item = Py_BuildValue("(nnNNN)", p, e, digits, sw, sl); /* takes the three, even on failure */
        else {
            Py_XDECREF(digits);
            Py_XDECREF(sw);
            Py_XDECREF(sl);
        }
        if (append_new(out, item) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        p = e;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(text, start, stop) -> (starts, ends, texts, lows): the tokens of text[start:stop]."},
    {"sentence_ends", sentence_ends, METH_VARARGS,
     "sentence_ends(text, start, end) -> [(start, end), ...]: where sentences end in text[start:end]."},
    {"digit_figures", digit_figures, METH_VARARGS,
     "digit_figures(text, start, end) -> [(start, end, digits, scale_word, scale_letter), ...]"},
    {"date_digits", date_digits, METH_VARARGS,
     "date_digits(text, start, end) -> [start, ...]: where a date in digits can begin."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__speedups(void) {
    if (PyType_Ready(&WordsType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&WordsType);
    if (PyModule_AddObject(m, "Words", (PyObject *)&WordsType) < 0) {
        Py_DECREF(&WordsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
