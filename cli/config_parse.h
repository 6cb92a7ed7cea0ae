/*
 * The xm config-file parser.
 *
 * xm config files are Python; the ones people write use a small subset,
 * which is all this accepts:
 *
 *     # comment
 *     name   = "web"                 strings in '...' or "..." (with \ escapes;
 *     memory = 256                   adjacent literals are joined, as in Python)
 *     disk   = [ 'phy:/dev/sda1,xvda1,w',
 *                'file:/img/b.img,xvdb,r', ]   lists of strings, over several lines
 *
 * Statements end at a newline or ';'; a backslash continues a line.  Each
 * key is a row in a table (config_keys.c) with the value types it takes and
 * its own parser into struct domconfig.  Errors are "source:line: message".
 */
#ifndef XMCTL_CONFIG_PARSE_H
#define XMCTL_CONFIG_PARSE_H

#include <stddef.h>
#include "domconfig.h"

#define CONFIG_FILE_MAX    (256 * 1024) /* largest config file read */
#define CONFIG_LINE_MAX    4096         /* longest physical line */
#define CONFIG_STRING_MAX  4096         /* longest string value */
#define CONFIG_LIST_MAX    64           /* most items in one list */
#define CONFIG_KEY_MAX     32           /* longest key name, with the NUL */
#define CONFIG_MAX_ASSIGNMENTS 128      /* statements in one file plus overrides */
#define CONFIG_ERR_MAX     1024         /* "path:line: message" */

struct config_error {
	char msg[CONFIG_ERR_MAX];
};

/* A parsed value, as the key parsers see it. */
enum config_type {
	CONFIG_STRING = 1 << 0,
	CONFIG_INT = 1 << 1,
	CONFIG_LIST = 1 << 2,        /* of strings */
};

struct config_value {
	enum config_type type;
	long long num;               /* CONFIG_INT */
	char *str;                   /* CONFIG_STRING */
	char **items;                /* CONFIG_LIST */
	size_t nr_items;
};

/*
 * Parses the config text (len bytes, named source in messages), then the
 * overrides ("key=value", as on xm's command line: the value is a literal
 * in the file syntax, or else taken as a bare string; an override replaces
 * the file's value), then validates.  cfg starts from domconfig_init().
 * Returns 0, or -1 with err->msg set to one line without a newline.
 */
int config_parse_text(const char *source, const char *text, size_t len,
                      char *const *overrides, size_t nr_overrides,
                      struct domconfig *cfg, struct config_error *err);

/* The same for a file, read whole (at most CONFIG_FILE_MAX bytes). */
int config_parse_file(const char *path, char *const *overrides, size_t nr_overrides,
                      struct domconfig *cfg, struct config_error *err);

/*
 * The key table (config_keys.c).  config_key_apply() finds key and stores
 * value into cfg: returns 0; -1 with dcerr set for a bad value; -2 if the
 * key is unknown (suggest then holds the nearest known key, or "").
 */
int config_key_apply(const char *key, const struct config_value *value,
                     struct domconfig *cfg, struct domconfig_error *dcerr,
                     char suggest[CONFIG_KEY_MAX]);
/* The known keys, for help and completion; NULL after the last. */
const char *config_key_name(size_t i);

#endif /* XMCTL_CONFIG_PARSE_H */
