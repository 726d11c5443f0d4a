/* The compiled helpers of the word diff: optional, each with a Python twin that gives the
 * same answers (tests/test_diff_native.py compares them); native.py loads this module.
 *
 * parts(old, ao, ae, new, bo, be, lines) cuts old[ao:ae] and new[bo:be] at every line break
 * (lines true) or at every space and line break, exactly as str.split with one separator
 * does (empty parts included), and returns (a_ids, b_ids, a_at, b_at):
 *   a_ids, b_ids  str, one character per part; equal parts have equal characters, so the
 *                 exact LCS of rapidfuzz runs on them without a Python object per part;
 *   a_at, b_at    bytes of native Py_ssize_t: the start of every part in the whole text,
 *                 then the end of the window plus one (as if a separator followed it).
 * parts.py has the same function in Python; both give the same partition and the same
 * equalities, so the diff is the same with or without this module.
 *
 * word_pieces (below) is the clean-up and cutting of words.py's word_pieces.
 *
 * ABI_VERSION changes whenever what a function takes or returns changes: native.py uses a
 * compiled module only when it says the version native.py expects, so a stale build left in
 * a source tree falls back to Python instead of giving other answers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define ABI_VERSION 1
#define MAX_ID 0x10FFFF /* ids are characters */

/* One distinct part: where its characters are, and its hash. */
typedef struct {
    uint64_t hash;
    const char *chars;
    Py_ssize_t len;
    int kind; /* bytes per character: 1, 2 or 4 */
} Part;

/* The distinct parts seen so far (index = id) and an open-addressing table of ids + 1. */
typedef struct {
    Part *parts;
    Py_ssize_t count, room;
    uint32_t *slots;
    size_t mask;
} Seen;

static int seen_init(Seen *seen) {
    seen->count = 0;
    seen->room = 128;
    seen->mask = 255;
    seen->parts = PyMem_Malloc(sizeof(Part) * (size_t)seen->room);
    seen->slots = PyMem_Calloc(seen->mask + 1, sizeof(uint32_t));
    return seen->parts && seen->slots ? 0 : -1;
}

static void seen_free(Seen *seen) {
    PyMem_Free(seen->parts);
    PyMem_Free(seen->slots);
}

/* Room for one more part; the table stays at most half full. */
static int seen_grow(Seen *seen) {
    if (seen->count == seen->room) {
        Part *parts = PyMem_Realloc(seen->parts, sizeof(Part) * (size_t)seen->room * 2);
        if (parts == NULL) return -1;
        seen->parts = parts;
        seen->room *= 2;
    }
    if ((size_t)seen->count * 2 >= seen->mask + 1) {
        size_t mask = seen->mask * 2 + 1;
        uint32_t *slots = PyMem_Calloc(mask + 1, sizeof(uint32_t));
        if (slots == NULL) return -1;
        for (Py_ssize_t id = 0; id < seen->count; id++) {
            size_t pos = (size_t)seen->parts[id].hash & mask;
            while (slots[pos]) pos = (pos + 1) & mask;
            slots[pos] = (uint32_t)id + 1;
        }
        PyMem_Free(seen->slots);
        seen->slots = slots;
        seen->mask = mask;
    }
    return 0;
}

static int same_chars(const Part *p, const char *chars, Py_ssize_t len, int kind) {
    if (p->kind == kind) {
        return memcmp(p->chars, chars, (size_t)(len * kind)) == 0;
    }
    /* the two texts store characters in different widths: compare code points */
    for (Py_ssize_t k = 0; k < len; k++) {
        if (PyUnicode_READ(p->kind, p->chars, k) != PyUnicode_READ(kind, chars, k)) return 0;
    }
    return 1;
}

/* The id of the part: that of the first equal part seen, or a new one (-1: error set). */
static inline Py_ssize_t part_id(Seen *seen, const char *chars, Py_ssize_t len, int kind,
                                 uint64_t hash) {
    /* the murmur3 finaliser: every character of the part moves every bit of the slot */
    hash ^= (uint64_t)len * 0x9E3779B97F4A7C15ULL;
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 33;
    size_t pos = (size_t)hash & seen->mask;
    for (uint32_t slot; (slot = seen->slots[pos]) != 0; pos = (pos + 1) & seen->mask) {
        const Part *p = &seen->parts[slot - 1];
        if (p->hash == hash && p->len == len && same_chars(p, chars, len, kind)) {
            return (Py_ssize_t)slot - 1;
        }
    }
    if (seen->count > MAX_ID) {
        PyErr_SetString(PyExc_OverflowError, "more distinct parts than characters");
        return -1;
    }
    Py_ssize_t id = seen->count++;
    seen->slots[pos] = (uint32_t)id + 1;
    seen->parts[id] = (Part){hash, chars, len, kind};
    if (seen_grow(seen) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    return id;
}

/* Cut one window into parts: one loop per character width and separator set, so that no
 * width or mode is tested per character. The running hash is a rotate and an exclusive or
 * per character; part_id mixes it before use. Returns the number of parts, -1 on error. */
#define CUT(NAME, CHAR, IS_SEPARATOR)                                                        \
    static Py_ssize_t NAME(const void *text, Py_ssize_t start, Py_ssize_t end, Seen *seen,  \
                           Py_UCS4 *ids, Py_ssize_t *at) {                                   \
        const CHAR *data = (const CHAR *)text;                                               \
        Py_ssize_t part = 0, from = start;                                                   \
        uint64_t hash = 0;                                                                   \
        for (Py_ssize_t i = start;; i++) {                                                   \
            Py_UCS4 c = 0;                                                                   \
            if (i < end && !(IS_SEPARATOR((c = data[i])))) {                                 \
                hash = ((hash << 7) | (hash >> 57)) ^ c;                                     \
                continue;                                                                    \
            }                                                                                \
            Py_ssize_t id = part_id(seen, (const char *)(data + from), i - from,             \
                                    (int)sizeof(CHAR), hash);                                \
            if (id < 0) return -1;                                                           \
            ids[part] = (Py_UCS4)id;                                                         \
            at[part++] = from;                                                               \
            if (i >= end) break;                                                             \
            from = i + 1;                                                                    \
            hash = 0;                                                                        \
        }                                                                                    \
        at[part] = end + 1;                                                                  \
        return part;                                                                         \
    }

/* Most characters are above the space: one comparison decides for them. */
#define WORD_END(c) ((c) <= ' ' && ((c) == ' ' || (c) == '\n'))
#define LINE_END(c) ((c) == '\n')

CUT(words_1, Py_UCS1, WORD_END)
CUT(words_2, Py_UCS2, WORD_END)
CUT(words_4, Py_UCS4, WORD_END)
CUT(lines_1, Py_UCS1, LINE_END)
CUT(lines_2, Py_UCS2, LINE_END)
CUT(lines_4, Py_UCS4, LINE_END)

static Py_ssize_t cut(PyObject *text, Py_ssize_t start, Py_ssize_t end, int lines, Seen *seen,
                      Py_UCS4 *ids, Py_ssize_t *at) {
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return (lines ? lines_1 : words_1)(data, start, end, seen, ids, at);
    case PyUnicode_2BYTE_KIND:
        return (lines ? lines_2 : words_2)(data, start, end, seen, ids, at);
    default:
        return (lines ? lines_4 : words_4)(data, start, end, seen, ids, at);
    }
}

static PyObject *as_str(const Py_UCS4 *ids, Py_ssize_t n, Py_UCS4 max_id) {
    PyObject *s = PyUnicode_New(n, max_id);
    if (s == NULL) return NULL;
    int kind = PyUnicode_KIND(s);
    void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyUnicode_WRITE(kind, data, i, ids[i]);
    }
    return s;
}

static int check_window(PyObject *text, Py_ssize_t start, Py_ssize_t end) {
    if (start < 0 || end < start || end > PyUnicode_GET_LENGTH(text)) {
        PyErr_SetString(PyExc_IndexError, "window outside the text");
        return -1;
    }
    return 0;
}

static PyObject *parts(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *old, *new;
    Py_ssize_t ao, ae, bo, be;
    int lines;
    if (!PyArg_ParseTuple(args, "UnnUnnp", &old, &ao, &ae, &new, &bo, &be, &lines)) {
        return NULL;
    }
    if (check_window(old, ao, ae) < 0 || check_window(new, bo, be) < 0) {
        return NULL;
    }
    /* at most one part per character, plus one: cut once into buffers of that size */
    size_t room = (size_t)(ae - ao + be - bo) + 4;
    Py_UCS4 *ids = PyMem_Malloc(sizeof(Py_UCS4) * room);
    Py_ssize_t *at = PyMem_Malloc(sizeof(Py_ssize_t) * room);
    PyObject *result = NULL;
    Seen seen;
    if (seen_init(&seen) < 0 || ids == NULL || at == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t na = cut(old, ao, ae, lines, &seen, ids, at);
    if (na < 0) goto done;
    Py_ssize_t nb = cut(new, bo, be, lines, &seen, ids + na, at + na + 1);
    if (nb < 0) goto done;
    Py_UCS4 max_id = (Py_UCS4)(seen.count - 1);
    PyObject *a_ids = as_str(ids, na, max_id);
    PyObject *b_ids = as_str(ids + na, nb, max_id);
    PyObject *a_at = PyBytes_FromStringAndSize((const char *)at,
                                               (Py_ssize_t)sizeof(Py_ssize_t) * (na + 1));
    PyObject *b_at = PyBytes_FromStringAndSize((const char *)(at + na + 1),
                                               (Py_ssize_t)sizeof(Py_ssize_t) * (nb + 1));
    if (a_ids && b_ids && a_at && b_at) {
        result = PyTuple_Pack(4, a_ids, b_ids, a_at, b_at);
    }
    Py_XDECREF(a_ids);
    Py_XDECREF(b_ids);
    Py_XDECREF(a_at);
    Py_XDECREF(b_at);
done:
    seen_free(&seen);
    PyMem_Free(ids);
    PyMem_Free(at);
    return result;
}

/* The word pieces of words.py (word_pieces after the LCS): the unchanged runs of the word
 * alignment minus the islands that only split one change in two, then the pieces between
 * and of them. words.py has the same code in Python, with the rules and why; this is the
 * same, step for step. */

typedef struct {
    Py_ssize_t i, j, k, ei, ej, before;
} Run;

typedef struct {
    PyObject *old, *new, *tokens, *weak;
    Py_ssize_t ao, ae, bo, be, refine_words, weak_island;
    const Py_ssize_t *a_at, *b_at;
    Py_ssize_t n, m; /* words on each side */
} Window;

static PyObject *EQUAL, *REPLACE, *DELETE, *INSERT; /* the kinds of piece, made once */

static int read_index(PyObject *tuple, Py_ssize_t at, Py_ssize_t *value) {
    *value = PyLong_AsSsize_t(PyTuple_GET_ITEM(tuple, at));
    return *value == -1 && PyErr_Occurred() ? -1 : 0;
}

/* Whether the words of text[s:e] are each one token (letters and digits only), each with
 * the space or line break after it; the last words of a window have none after the last. */
static int one_token_each(PyObject *text, Py_ssize_t s, Py_ssize_t e, int last) {
    if (s == e) return 1;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int in_word = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == ' ' || c == '\n') {
            if (!in_word) return 0; /* an empty word is no token */
            in_word = 0;
        } else if (Py_UNICODE_ISALNUM(c)) {
            in_word = 1;
        } else {
            return 0;
        }
    }
    return last ? in_word : !in_word;
}

/* The kept runs, ending with an empty run at (n, m); *top is the last index (run 0 is an
 * empty run at the start). Returns NULL with an error set. */
static Run *kept_runs(const Window *w, PyObject *opcodes, Py_ssize_t *top_out) {
    Py_ssize_t count = PyList_GET_SIZE(opcodes);
    Run *kept = PyMem_Malloc(sizeof(Run) * (size_t)(count + 2));
    if (kept == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t top = 0;
    kept[0] = (Run){0, 0, 0, 0, 0, 0};
    for (Py_ssize_t at = 0; at <= count; at++) {
        Py_ssize_t ni = w->n, nj = w->m, nk = 0;
        if (at < count) {
            PyObject *op = PyList_GET_ITEM(opcodes, at);
            if (!PyTuple_Check(op) || PyTuple_GET_SIZE(op) != 5) {
                PyErr_SetString(PyExc_TypeError, "opcodes are (tag, i1, i2, j1, j2) tuples");
                goto fail;
            }
            PyObject *tag = PyTuple_GET_ITEM(op, 0);
            if (!PyUnicode_Check(tag) || PyUnicode_GET_LENGTH(tag) == 0 ||
                PyUnicode_READ_CHAR(tag, 0) != 'e') {
                continue; /* "equal" is the only tag with an e first */
            }
            Py_ssize_t i2;
            if (read_index(op, 1, &ni) < 0 || read_index(op, 2, &i2) < 0 ||
                read_index(op, 3, &nj) < 0) {
                goto fail;
            }
            nk = i2 - ni;
            if (ni < 0 || nj < 0 || nk <= 0 || ni + nk > w->n || nj + nk > w->m) {
                PyErr_SetString(PyExc_IndexError, "opcode outside the words");
                goto fail;
            }
        }
        Py_ssize_t after;
        for (;;) {
            const Run *r = &kept[top];
            Py_ssize_t da = ni - r->ei, db = nj - r->ej;
            after = da > db ? da : db;
            if (!r->before || !after) break;
            int drop = r->k <= r->before && r->k <= after;
            if (!drop && r->k <= w->weak_island) {
                PyObject *weak = PyObject_CallFunction(w->weak, "Onn", w->old, w->a_at[r->i],
                                                       w->a_at[r->ei] - 1);
                if (weak == NULL) goto fail;
                drop = PyObject_IsTrue(weak);
                Py_DECREF(weak);
                if (drop < 0) goto fail;
            }
            if (!drop) break;
            top--;
        }
        kept[++top] = (Run){ni, nj, nk, ni + nk, nj + nk, after};
    }
    *top_out = top;
    return kept;
fail:
    PyMem_Free(kept);
    return NULL;
}

static int add_piece(PyObject *pieces, PyObject *kind, PyObject *old, PyObject *new) {
    PyObject *piece = old && new ? PyTuple_Pack(3, kind, old, new) : NULL;
    Py_XDECREF(old);
    Py_XDECREF(new);
    if (piece == NULL) return -1;
    int failed = PyList_Append(pieces, piece);
    Py_DECREF(piece);
    return failed;
}

static int add_pieces(const Window *w, PyObject *pieces, const Run *runs, Py_ssize_t top) {
    Py_ssize_t pi = 0, pj = 0, sa = w->ao, sb = w->bo;
    for (Py_ssize_t t = 1; t <= top; t++) {
        const Run *r = &runs[t];
        Py_ssize_t ea = w->a_at[r->i], eb = w->b_at[r->j];
        if (ea > w->ae) ea = w->ae;
        if (eb > w->be) eb = w->be;
        if (r->i > pi || r->j > pj) {
            if (r->i - pi <= w->refine_words && r->j - pj <= w->refine_words &&
                !(one_token_each(w->old, sa, ea, r->i == w->n) &&
                  one_token_each(w->new, sb, eb, r->j == w->m))) {
                PyObject *more = PyObject_CallFunction(w->tokens, "OnnOnn", w->old, sa, ea,
                                                       w->new, sb, eb);
                if (more == NULL) return -1;
                if (!PyList_Check(more)) {
                    Py_DECREF(more);
                    PyErr_SetString(PyExc_TypeError, "tokens gives a list of pieces");
                    return -1;
                }
                Py_ssize_t end = PyList_GET_SIZE(pieces);
                int failed = PyList_SetSlice(pieces, end, end, more);
                Py_DECREF(more);
                if (failed) return -1;
            } else {
                PyObject *kind = ea > sa ? (eb > sb ? REPLACE : DELETE) : INSERT;
                if (add_piece(pieces, kind, PyUnicode_Substring(w->old, sa, ea),
                              PyUnicode_Substring(w->new, sb, eb)) < 0) {
                    return -1;
                }
            }
        }
        if (r->k) {
            pi = r->ei;
            pj = r->ej;
            sa = w->a_at[pi];
            sb = w->b_at[pj];
            if (sa > w->ae) sa = w->ae;
            if (sb > w->be) sb = w->be;
            if (add_piece(pieces, EQUAL, PyUnicode_Substring(w->old, ea, sa),
                          PyUnicode_Substring(w->new, eb, sb)) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

static PyObject *word_pieces(PyObject *self, PyObject *args) {
    (void)self;
    Window w;
    PyObject *opcodes;
    Py_buffer a_at, b_at;
    if (!PyArg_ParseTuple(args, "UnnUnnO!y*y*OOnn", &w.old, &w.ao, &w.ae, &w.new, &w.bo, &w.be,
                          &PyList_Type, &opcodes, &a_at, &b_at, &w.tokens, &w.weak,
                          &w.refine_words, &w.weak_island)) {
        return NULL;
    }
    w.a_at = (const Py_ssize_t *)a_at.buf;
    w.b_at = (const Py_ssize_t *)b_at.buf;
    w.n = a_at.len / (Py_ssize_t)sizeof(Py_ssize_t) - 1;
    w.m = b_at.len / (Py_ssize_t)sizeof(Py_ssize_t) - 1;
    PyObject *pieces = NULL;
    Py_ssize_t top = 0;
    Run *runs = NULL;
    if (w.n < 0 || w.m < 0 || check_window(w.old, w.ao, w.ae) < 0 ||
        check_window(w.new, w.bo, w.be) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "no word starts");
        goto done;
    }
    /* the word starts come from parts(): each inside its window, in order */
    for (Py_ssize_t t = 0; t <= w.n + w.m + 1; t++) {
        const Py_ssize_t *at = t <= w.n ? w.a_at + t : w.b_at + (t - w.n - 1);
        Py_ssize_t low = t <= w.n ? w.ao : w.bo, high = (t <= w.n ? w.ae : w.be) + 1;
        if (*at < low || *at > high || (t != 0 && t != w.n + 1 && at[-1] > *at)) {
            PyErr_SetString(PyExc_ValueError, "word starts outside their window");
            goto done;
        }
    }
    runs = kept_runs(&w, opcodes, &top);
    if (runs == NULL) goto done;
    pieces = PyList_New(0);
    if (pieces != NULL && add_pieces(&w, pieces, runs, top) < 0) Py_CLEAR(pieces);
done:
    PyMem_Free(runs);
    PyBuffer_Release(&a_at);
    PyBuffer_Release(&b_at);
    return pieces;
}

static PyMethodDef methods[] = {
    {"parts", parts, METH_VARARGS,
     "parts(old, ao, ae, new, bo, be, lines) -> (a_ids, b_ids, a_at, b_at)"},
    {"word_pieces", word_pieces, METH_VARARGS,
     "word_pieces(old, ao, ae, new, bo, be, opcodes, a_at, b_at, tokens, weak, refine_words, "
     "weak_island) -> [(kind, old, new)]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "Compiled helpers of the word diff (see native.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__native(void) {
    EQUAL = PyUnicode_InternFromString("equal");
    REPLACE = PyUnicode_InternFromString("replace");
    DELETE = PyUnicode_InternFromString("delete");
    INSERT = PyUnicode_InternFromString("insert");
    if (!EQUAL || !REPLACE || !DELETE || !INSERT) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "ABI_VERSION", ABI_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
