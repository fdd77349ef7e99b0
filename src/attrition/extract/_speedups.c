/* Speed-ups for attrition.extract.text, written against CPython's C API.
 *
 * Each function here gives exactly what a function of text.py gives in pure Python (the pure
 * one is the definition; tests/test_speedups.py compares the two on generated and real text).
 * The module is built beside the mypyc modules by `attrition native build` and is only imported
 * from that build's folder, so ATTRITION_PURE=1 or a stale build leaves the pure Python in use.
 *
 *   tokenize(text, start, stop) -> (starts, ends, texts, lows)
 *       the tokens of text[start:stop] as text._TOKEN_SPLIT.split and the lower-casing in
 *       text.DocTokens._window give them.
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

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(text, start, stop) -> (starts, ends, texts, lows): the tokens of text[start:stop]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
