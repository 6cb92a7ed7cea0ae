/*
 * The xm config-file parser: statements into assignments, command-line
 * overrides on top, then each assignment through its key's row in
 * config_keys.c, then the cross-key checks.  Every error names the source
 * and line where the offending key was set.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config_lex.h"
#include "config_parse.h"

#define OVERRIDE_SOURCE "command line"

struct assignment {
	char key[CONFIG_KEY_MAX];
	struct config_value value;
	const char *source;
	unsigned line;
};

struct assignments {
	size_t n;
	struct assignment a[CONFIG_MAX_ASSIGNMENTS];
};

__attribute__((format(printf, 4, 5)))
static int fail_at(struct config_error *err, const char *source, unsigned line,
                   const char *fmt, ...)
{
	char msg[CONFIG_ERR_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Both halves are bounded so that the whole always fits CONFIG_ERR_MAX. */
	if (line > 0)
		snprintf(err->msg, sizeof(err->msg), "%.400s:%u: %s", source, line, msg);
	else
		snprintf(err->msg, sizeof(err->msg), "%.400s: %s", source, msg);
	return -1;
}

static struct assignment *find(struct assignments *as, const char *key)
{
	for (size_t i = 0; i < as->n; i++)
		if (strcmp(as->a[i].key, key) == 0)
			return &as->a[i];
	return NULL;
}

static void free_all(struct assignments *as)
{
	for (size_t i = 0; i < as->n; i++)
		config_value_free(&as->a[i].value);
	as->n = 0;
}

/* A file line longer than CONFIG_LINE_MAX, or a NUL byte, is refused up front. */
static int check_lines(const char *source, const char *text, size_t len, struct config_error *err)
{
	unsigned line = 1;
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0')
			return fail_at(err, source, line, "the file holds a NUL byte");
		if (text[i] == '\n') {
			line++;
			col = 0;
		} else if (++col > CONFIG_LINE_MAX) {
			return fail_at(err, source, line, "line is longer than %d characters",
			               CONFIG_LINE_MAX);
		}
	}
	return 0;
}

/* key = value, ending at a newline, ';' or the end of the text. */
static int parse_statement(const char *source, struct config_lexer *lx, struct assignments *as,
                           struct config_error *err)
{
	struct assignment *a = &as->a[as->n];
	struct assignment *prev;
	unsigned line = lx->tok_line;

	if (lx->tok != TOK_NAME)
		return fail_at(err, source, line, "expected a key name");
	memcpy(a->key, lx->text, lx->len + 1);   /* the lexer keeps names < CONFIG_KEY_MAX */
	config_lex_next(lx);
	if (lx->tok != TOK_EQ)
		return fail_at(err, source, lx->tok == TOK_ERROR ? lx->tok_line : line,
		               "%s%s%s", lx->tok == TOK_ERROR ? lx->msg : "expected '=' after '",
		               lx->tok == TOK_ERROR ? "" : a->key, lx->tok == TOK_ERROR ? "" : "'");
	config_lex_next(lx);
	if (config_lex_value(lx, &a->value) < 0)
		return fail_at(err, source, lx->tok_line, "%s: %s", a->key, lx->msg);
	a->source = source;
	a->line = line;
	as->n++;
	if (lx->tok != TOK_END && lx->tok != TOK_EOF)
		return fail_at(err, source, lx->tok_line, "%s",
		               lx->tok == TOK_ERROR ? lx->msg : "expected the end of the line");
	prev = find(as, a->key);
	if (prev != a)
		return fail_at(err, source, line, "duplicate key '%s' (first set on line %u)",
		               a->key, prev->line);
	return 0;
}

static int parse_statements(const char *source, const char *text, size_t len,
                            struct assignments *as, struct config_error *err)
{
	struct config_lexer *lx = malloc(sizeof(*lx));   /* large: keep it off the stack */
	int rc = 0;

	if (lx == NULL)
		return fail_at(err, source, 0, "out of memory");
	config_lex_init(lx, text, len);
	while (rc == 0 && lx->tok != TOK_EOF) {
		if (lx->tok == TOK_END) {
			config_lex_next(lx);
		} else if (lx->tok == TOK_ERROR) {
			rc = fail_at(err, source, lx->tok_line, "%s", lx->msg);
		} else if (as->n == CONFIG_MAX_ASSIGNMENTS) {
			rc = fail_at(err, source, lx->tok_line, "more than %d settings",
			             CONFIG_MAX_ASSIGNMENTS);
		} else {
			rc = parse_statement(source, lx, as, err);
		}
	}
	free(lx);
	return rc;
}

/*
 * The value of an override: a literal in the file syntax if the whole text
 * is one, else the text itself as a string (xm's name=web, extra=a=b c).
 */
static int override_value(const char *text, struct config_value *v)
{
	struct config_lexer *lx = malloc(sizeof(*lx));
	int rc = -1;

	if (lx == NULL)
		return -1;
	config_lex_init(lx, text, strlen(text));
	if (lx->tok != TOK_END && config_lex_value(lx, v) == 0) {
		if (lx->tok == TOK_EOF)
			rc = 0;
		else
			config_value_free(v);
	}
	free(lx);
	if (rc == 0)
		return 0;
	memset(v, 0, sizeof(*v));
	v->type = CONFIG_STRING;
	v->str = strdup(text);
	return v->str == NULL ? -1 : 0;
}

/* key=value from the command line, replacing the file's value of key. */
static int apply_override(const char *arg, unsigned idx, struct assignments *as,
                          struct config_error *err)
{
	const char *eq = strchr(arg, '=');
	size_t klen = eq ? (size_t)(eq - arg) : 0;
	struct assignment tmp = { .source = OVERRIDE_SOURCE, .line = idx };
	struct assignment *slot;

	if (eq == NULL || klen == 0 || klen >= CONFIG_KEY_MAX)
		return fail_at(err, OVERRIDE_SOURCE, 0, "'%s' is not key=value", arg);
	memcpy(tmp.key, arg, klen);
	tmp.key[klen] = '\0';
	if (override_value(eq + 1, &tmp.value) < 0)
		return fail_at(err, OVERRIDE_SOURCE, 0, "out of memory");
	slot = find(as, tmp.key);
	if (slot == NULL && as->n == CONFIG_MAX_ASSIGNMENTS) {
		config_value_free(&tmp.value);
		return fail_at(err, OVERRIDE_SOURCE, 0, "too many settings");
	}
	if (slot == NULL)
		slot = &as->a[as->n++];
	else
		config_value_free(&slot->value);
	*slot = tmp;
	return 0;
}

/* Every assignment through its key's parser. */
static int apply_all(struct assignments *as, struct domconfig *cfg, struct config_error *err)
{
	struct domconfig_error dcerr;
	char suggest[CONFIG_KEY_MAX];

	for (size_t i = 0; i < as->n; i++) {
		const struct assignment *a = &as->a[i];
		int rc = config_key_apply(a->key, &a->value, cfg, &dcerr, suggest);

		if (rc == -2 && suggest[0] != '\0')
			return fail_at(err, a->source, a->line, "unknown key '%s' (did you mean '%s'?)",
			               a->key, suggest);
		if (rc == -2)
			return fail_at(err, a->source, a->line, "unknown key '%s'", a->key);
		if (rc < 0)
			return fail_at(err, a->source, a->line, "%s", dcerr.msg);
	}
	return 0;
}

int config_parse_text(const char *source, const char *text, size_t len,
                      char *const *overrides, size_t nr_overrides,
                      struct domconfig *cfg, struct config_error *err)
{
	struct assignments *as = calloc(1, sizeof(*as));
	struct domconfig_error dcerr;
	int rc;

	if (as == NULL)
		return fail_at(err, source, 0, "out of memory");
	domconfig_init(cfg);
	rc = check_lines(source, text, len, err);
	if (rc == 0)
		rc = parse_statements(source, text, len, as, err);
	for (size_t i = 0; rc == 0 && i < nr_overrides; i++)
		rc = apply_override(overrides[i], (unsigned)i + 1, as, err);
	if (rc == 0)
		rc = apply_all(as, cfg, err);
	if (rc == 0 && domconfig_validate(cfg, &dcerr) < 0) {
		const struct assignment *a = find(as, dcerr.key);

		rc = a ? fail_at(err, a->source, a->line, "%s", dcerr.msg)
		       : fail_at(err, source, 0, "%s", dcerr.msg);
	}
	free_all(as);
	free(as);
	return rc;
}

/* Reads the whole file, refusing one larger than CONFIG_FILE_MAX. */
static char *read_file(const char *path, size_t *len, struct config_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf;
	ssize_t n;

	if (fd < 0) {
		fail_at(err, path, 0, "%s", strerror(errno));
		return NULL;
	}
	buf = malloc(CONFIG_FILE_MAX + 1);
	*len = 0;
	while (buf != NULL && (n = read(fd, buf + *len, CONFIG_FILE_MAX + 1 - *len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || *len + (size_t)n > CONFIG_FILE_MAX) {
			fail_at(err, path, 0, "%s", n < 0 ? strerror(errno) : "file is too large");
			free(buf);
			buf = NULL;
			break;
		}
		*len += (size_t)n;
	}
	if (buf == NULL && err->msg[0] == '\0')
		fail_at(err, path, 0, "out of memory");
	close(fd);
	return buf;
}

int config_parse_file(const char *path, char *const *overrides, size_t nr_overrides,
                      struct domconfig *cfg, struct config_error *err)
{
	size_t len;
	char *text;
	int rc;

	err->msg[0] = '\0';
	text = read_file(path, &len, err);
	if (text == NULL)
		return -1;
	rc = config_parse_text(path, text, len, overrides, nr_overrides, cfg, err);
	free(text);
	return rc;
}
