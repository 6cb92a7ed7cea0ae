/*
 * The tokenizer and value reader of the xm config syntax (config_lex.c),
 * private to the config parser.
 */
#ifndef XMCTL_CONFIG_LEX_H
#define XMCTL_CONFIG_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include "config_parse.h"

enum config_tok {
	TOK_EOF,
	TOK_END,        /* a newline outside brackets, or ';' */
	TOK_NAME,
	TOK_EQ,
	TOK_STRING,
	TOK_INT,
	TOK_LBRACK,
	TOK_RBRACK,
	TOK_COMMA,
	TOK_ERROR,      /* the lexer's message is in lx->msg */
};

struct config_lexer {
	const char *p, *end;
	unsigned line;               /* of the next character */
	unsigned depth;              /* open brackets: newlines inside don't end a statement */
	enum config_tok tok;         /* the current token */
	unsigned tok_line;           /* where it started */
	char text[CONFIG_STRING_MAX]; /* TOK_NAME, TOK_STRING */
	size_t len;
	long long num;               /* TOK_INT */
	char msg[256];               /* after TOK_ERROR or a failed read */
};

void config_lex_init(struct config_lexer *lx, const char *text, size_t len);
/* Moves to the next token (stored in lx->tok). */
void config_lex_next(struct config_lexer *lx);
/*
 * Reads the value that starts at the current token (a string, adjacent
 * strings, an integer or a list of strings) and moves past it.  Returns 0,
 * or -1 with lx->msg set (and lx->tok_line at the error).
 */
int config_lex_value(struct config_lexer *lx, struct config_value *v);
/* Frees what a value holds (not v itself); accepts a zeroed value. */
void config_value_free(struct config_value *v);

#endif /* XMCTL_CONFIG_LEX_H */
