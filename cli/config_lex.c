/*
 * The tokenizer of the xm config syntax: the Python literals real xm
 * configs use, and nothing that would need a Python to evaluate.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_lex.h"

__attribute__((format(printf, 2, 3)))
static int lex_error(struct config_lexer *lx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(lx->msg, sizeof(lx->msg), fmt, ap);
	va_end(ap);
	lx->tok = TOK_ERROR;
	return -1;
}

void config_lex_init(struct config_lexer *lx, const char *text, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->p = text;
	lx->end = text + len;
	lx->line = 1;
	config_lex_next(lx);
}

/* Spaces, comments and continuations; stops at a newline that ends a statement. */
static void skip_blank(struct config_lexer *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
			lx->p++;
		} else if (c == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (c == '\\' && lx->p + 1 < lx->end && lx->p[1] == '\n') {
			lx->p += 2;
			lx->line++;
		} else if (c == '\n' && lx->depth > 0) {
			lx->p++;
			lx->line++;
		} else {
			return;
		}
	}
}

static int put_char(struct config_lexer *lx, char c)
{
	if (lx->len + 1 >= sizeof(lx->text)) {
		lex_error(lx, "string is longer than %d characters", CONFIG_STRING_MAX - 1);
		return -1;
	}
	lx->text[lx->len++] = c;
	lx->text[lx->len] = '\0';
	return 0;
}

/* The character a backslash escape stands for; -1 = keep the backslash too. */
static int escape_char(char c)
{
	static const char from[] = "nt\\'\"r";
	static const char to[] = "\n\t\\'\"\r";
	const char *hit = strchr(from, c);

	if (hit == NULL || c == '\0')
		return -1;
	return to[hit - from];
}

/* One escape after a backslash, appended to the token text. */
static int lex_escape(struct config_lexer *lx)
{
	char c = *lx->p++;
	int e;

	if (c == '\n') {        /* backslash-newline: the string goes on */
		lx->line++;
		return 0;
	}
	e = escape_char(c);
	if (e < 0)              /* unknown escapes keep the backslash, as Python */
		return put_char(lx, '\\') < 0 ? -1 : put_char(lx, c);
	return put_char(lx, (char)e);
}

/* A '...' or "..." literal, or a triple-quoted one that may span lines. */
static void lex_string(struct config_lexer *lx)
{
	char q = *lx->p;
	bool triple = lx->end - lx->p >= 3 && lx->p[1] == q && lx->p[2] == q;

	lx->p += triple ? 3 : 1;
	lx->len = 0;
	lx->text[0] = '\0';
	for (;;) {
		if (lx->p >= lx->end || (!triple && *lx->p == '\n')) {
			lex_error(lx, "unterminated string");
			return;
		}
		if (*lx->p == q && (!triple || (lx->end - lx->p >= 3 && lx->p[1] == q &&
		                                lx->p[2] == q))) {
			lx->p += triple ? 3 : 1;
			lx->tok = TOK_STRING;
			return;
		}
		if (*lx->p == '\\' && lx->p + 1 < lx->end) {
			lx->p++;
			if (lex_escape(lx) < 0)
				return;
			continue;
		}
		if (*lx->p == '\n')
			lx->line++;
		if (put_char(lx, *lx->p++) < 0)
			return;
	}
}

/* A decimal or 0x integer, optionally negative; "64M" is an error that says why. */
static void lex_int(struct config_lexer *lx)
{
	const char *start = lx->p;
	char buf[32];
	char *endp;
	size_t n;

	if (*lx->p == '-')
		lx->p++;
	while (lx->p < lx->end && (isalnum((unsigned char)*lx->p) || *lx->p == '_'))
		lx->p++;
	n = (size_t)(lx->p - start);
	if (n >= sizeof(buf)) {
		lex_error(lx, "number '%.20s...' is too long", start);
		return;
	}
	memcpy(buf, start, n);
	buf[n] = '\0';
	errno = 0;
	lx->num = strtoll(buf, &endp, buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X') ? 16 : 10);
	if (errno != 0 || *endp != '\0' || endp == buf) {
		lex_error(lx, "'%s' is not a number (a size with a unit is a string: \"%s\")",
		          buf, buf);
		return;
	}
	lx->tok = TOK_INT;
}

static void lex_name(struct config_lexer *lx)
{
	lx->len = 0;
	while (lx->p < lx->end && (isalnum((unsigned char)*lx->p) || *lx->p == '_')) {
		if (lx->len + 1 >= CONFIG_KEY_MAX) {
			lex_error(lx, "name is longer than %d characters", CONFIG_KEY_MAX - 1);
			return;
		}
		lx->text[lx->len++] = *lx->p++;
	}
	lx->text[lx->len] = '\0';
	lx->tok = TOK_NAME;
}

/* Single-character tokens. */
static bool lex_punct(struct config_lexer *lx, char c)
{
	static const struct { char c; enum config_tok tok; int depth; } punct[] = {
		{ '=', TOK_EQ, 0 }, { ',', TOK_COMMA, 0 }, { ';', TOK_END, 0 },
		{ '[', TOK_LBRACK, 1 }, { ']', TOK_RBRACK, -1 },
	};

	for (size_t i = 0; i < sizeof(punct) / sizeof(punct[0]); i++) {
		if (punct[i].c != c)
			continue;
		lx->p++;
		lx->tok = punct[i].tok;
		if (punct[i].depth > 0)
			lx->depth++;
		else if (punct[i].depth < 0 && lx->depth > 0)
			lx->depth--;
		return true;
	}
	return false;
}

void config_lex_next(struct config_lexer *lx)
{
	char c;

	if (lx->tok == TOK_ERROR)
		return;
	skip_blank(lx);
	lx->tok_line = lx->line;
	if (lx->p >= lx->end) {
		lx->tok = TOK_EOF;
		return;
	}
	c = *lx->p;
	if (c == '\n') {
		lx->p++;
		lx->line++;
		lx->tok = TOK_END;
	} else if (c == '\'' || c == '"') {
		lex_string(lx);
	} else if (isdigit((unsigned char)c) ||
	           (c == '-' && lx->p + 1 < lx->end && isdigit((unsigned char)lx->p[1]))) {
		lex_int(lx);
	} else if (isalpha((unsigned char)c) || c == '_') {
		lex_name(lx);
	} else if (!lex_punct(lx, c)) {
		if (isprint((unsigned char)c))
			lex_error(lx, "unexpected '%c'", c);
		else
			lex_error(lx, "unexpected byte 0x%02x", (unsigned char)c);
	}
}

void config_value_free(struct config_value *v)
{
	free(v->str);
	for (size_t i = 0; i < v->nr_items; i++)
		free(v->items[i]);
	free(v->items);
	memset(v, 0, sizeof(*v));
}

/* One string, joined with the literals right after it ("a" "b" is "ab"). */
static char *read_strings(struct config_lexer *lx)
{
	char buf[CONFIG_STRING_MAX];
	size_t len = 0;
	char *s;

	while (lx->tok == TOK_STRING) {
		if (len + lx->len >= sizeof(buf)) {
			lex_error(lx, "string is longer than %d characters", CONFIG_STRING_MAX - 1);
			return NULL;
		}
		memcpy(buf + len, lx->text, lx->len + 1);
		len += lx->len;
		config_lex_next(lx);
	}
	s = strdup(buf);
	if (s == NULL)
		lex_error(lx, "out of memory");
	return s;
}

/* [ 'a', 'b', ] : strings only, a trailing comma allowed, at most CONFIG_LIST_MAX. */
static int read_list(struct config_lexer *lx, struct config_value *v)
{
	unsigned open_line = lx->tok_line;

	v->type = CONFIG_LIST;
	v->items = calloc(CONFIG_LIST_MAX, sizeof(*v->items));
	if (v->items == NULL)
		return lex_error(lx, "out of memory");
	config_lex_next(lx);
	while (lx->tok != TOK_RBRACK) {
		if (lx->tok == TOK_ERROR)
			return -1;
		if (lx->tok == TOK_EOF) {
			lex_error(lx, "the list opened here has no closing ']'");
			lx->tok_line = open_line;
			return -1;
		}
		if (lx->tok != TOK_STRING)
			return lex_error(lx, "list items must be strings");
		if (v->nr_items == CONFIG_LIST_MAX)
			return lex_error(lx, "list has more than %d items", CONFIG_LIST_MAX);
		v->items[v->nr_items] = read_strings(lx);
		if (v->items[v->nr_items] == NULL)
			return -1;
		v->nr_items++;
		if (lx->tok == TOK_COMMA)
			config_lex_next(lx);
		else if (lx->tok != TOK_RBRACK && lx->tok != TOK_ERROR)
			return lex_error(lx, "expected ',' or ']' in a list");
	}
	config_lex_next(lx);
	return 0;
}

int config_lex_value(struct config_lexer *lx, struct config_value *v)
{
	memset(v, 0, sizeof(*v));
	switch (lx->tok) {
	case TOK_STRING:
		v->type = CONFIG_STRING;
		v->str = read_strings(lx);
		return v->str == NULL ? -1 : 0;
	case TOK_INT:
		v->type = CONFIG_INT;
		v->num = lx->num;
		config_lex_next(lx);
		return 0;
	case TOK_LBRACK:
		if (read_list(lx, v) == 0)
			return 0;
		config_value_free(v);
		return -1;
	case TOK_ERROR:
		return -1;
	case TOK_NAME:
		lex_error(lx, "'%s' is not a value (strings are quoted)", lx->text);
		return -1;
	default:
		lex_error(lx, "expected a value: a string, a number or a list");
		return -1;
	}
}
