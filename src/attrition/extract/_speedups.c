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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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
    int plain = 1, changed = 0;
    for (k = a; k < b; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == 0x2019 || (c >= 'A' && c <= 'Z'))
            changed = 1;
        else if (c >= 0x80) {
            plain = 0;
            break;
        }
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
    PyObject *text;
    Py_ssize_t start, stop;
    if (!PyArg_ParseTuple(args, "Unn:tokenize", &text, &start, &stop))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0)
        start = 0;
    if (stop > n)
        stop = n;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
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
    unsigned char ascii_first[128]; /* a word begins with this ASCII character */
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
        if (c0 < 128)
            w->ascii_first[c0] = 1;
        else
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
 * with the test after it passed (a shorter word is taken when a longer one fails it). */
static Py_ssize_t longest_at(const WordsObject *w, int kind, const void *data, Py_ssize_t p, Py_ssize_t end) {
    int32_t node = 0;
    Py_ssize_t best = -1;
    for (Py_ssize_t k = p; k < end;) {
        node = child(w, node, PyUnicode_READ(kind, data, k));
        if (node < 0)
            break;
        k++;
        if (w->terminal[node]) {
            if (w->after == AFTER_BOUNDARY) {
                int that = is_word(PyUnicode_READ(kind, data, k - 1));
                int this = k < end ? is_word(PyUnicode_READ(kind, data, k)) : 0;
                if (this == that)
                    continue;
            } else if (w->after == AFTER_NO_WORD_OR_HYPHEN && k < end) {
                Py_UCS4 next = PyUnicode_READ(kind, data, k);
                if (next == '-' || is_word(next))
                    continue;
            }
            best = k;
        }
    }
    return best;
}

static int before_ok(const WordsObject *w, int kind, const void *data, Py_ssize_t p, Py_UCS4 c) {
    switch (w->before) {
    case BEFORE_NO_ASCII_LETTER:
        return p == 0 || !ascii_letter(PyUnicode_READ(kind, data, p - 1));
    case BEFORE_BOUNDARY:
        return (p > 0 && is_word(PyUnicode_READ(kind, data, p - 1))) != is_word(c);
    case BEFORE_NO_LETTER:
        return p == 0 || !is_alpha(PyUnicode_READ(kind, data, p - 1));
    case BEFORE_NO_WORD_OR_HYPHEN: {
        if (p == 0)
            return 1;
        Py_UCS4 prev = PyUnicode_READ(kind, data, p - 1);
        return prev != '-' && !is_word(prev);
    }
    default:
        return 1;
    }
}

/* The scan both methods share: each match's start (and end, with ends) appended to out. */
static PyObject *words_scan(WordsObject *w, PyObject *args, int ends) {
    PyObject *text;
    Py_ssize_t lo, end;
    if (!PyArg_ParseTuple(args, "Unn", &text, &lo, &end))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (end > n)
        end = n;
    if (lo < 0)
        lo = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t p = lo;
    while (p < end) {
        Py_UCS4 c = PyUnicode_READ(kind, data, p);
        if ((c < 128 ? !w->ascii_first[c] : !w->other_first) || !before_ok(w, kind, data, p, c)) {
            p++;
            continue;
        }
        Py_ssize_t e = longest_at(w, kind, data, p, end);
        if (e < 0) {
            p++;
            continue;
        }
        PyObject *item = ends ? Py_BuildValue("(nn)", p, e) : PyLong_FromSsize_t(p);
        if (append_new(out, item) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        p = w->consume ? e : p + 1;
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
    PyObject *text;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "Unn:date_digits", &text, &start, &end))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (end > n)
        end = n;
    if (start < 0)
        start = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
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
    PyObject *text;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "Unn:sentence_ends", &text, &start, &end))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (end > n)
        end = n;
    if (start < 0)
        start = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
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

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(text, start, stop) -> (starts, ends, texts, lows): the tokens of text[start:stop]."},
    {"sentence_ends", sentence_ends, METH_VARARGS,
     "sentence_ends(text, start, end) -> [(start, end), ...]: where sentences end in text[start:end]."},
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
