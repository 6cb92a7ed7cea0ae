/* Daemon test helpers (xdlib.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xdlib.h"

#define XD_MAX_LINE (32 * 1024 * 1024)
#define XD_MAX_ARGS 32

int xd_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int xd_send(int fd, const char *text, size_t len)
{
	const char nl = '\n';

	while (len > 0) {
		ssize_t n = send(fd, text, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return send(fd, &nl, 1, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

char *xd_recv(int fd, int timeout_ms)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);

	while (buf) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char ch;
		ssize_t n;

		if (poll(&p, 1, timeout_ms) <= 0)
			break;
		n = recv(fd, &ch, 1, 0);
		if (n <= 0)
			break;
		if (ch == '\n') {
			buf[len] = '\0';
			return buf;
		}
		if (len + 2 > cap) {
			char *b = cap < XD_MAX_LINE ? realloc(buf, cap * 2) : NULL;

			if (!b)
				break;
			buf = b;
			cap *= 2;
		}
		buf[len++] = ch;
	}
	free(buf);
	return NULL;
}

yajl_val xd_get(yajl_val v, const char *key)
{
	const char *path[] = { key, NULL };

	return v ? yajl_tree_get(v, path, yajl_t_any) : NULL;
}

int xd_reply_code(const char *line)
{
	char eb[64];
	yajl_val root = yajl_tree_parse(line, eb, sizeof(eb));
	yajl_val err = xd_get(root, "error"), code = xd_get(err, "code");
	yajl_val ver = xd_get(root, "jsonrpc");
	int rc = 1;

	if (root && ver && YAJL_IS_STRING(ver) && strcmp(ver->u.string, "2.0") == 0 &&
	    xd_get(root, "id")) {
		if (xd_get(root, "result") && !err)
			rc = 0;
		else if (code && YAJL_IS_INTEGER(code) && xd_get(err, "message"))
			rc = (int)YAJL_GET_INTEGER(code);
	}
	yajl_tree_free(root);
	return rc;
}

static void print_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

void xd_print(yajl_val v)
{
	size_t i;

	if (!v || YAJL_IS_NULL(v))
		fputs("null", stdout);
	else if (YAJL_IS_TRUE(v))
		fputs("true", stdout);
	else if (YAJL_IS_FALSE(v))
		fputs("false", stdout);
	else if (YAJL_IS_NUMBER(v))
		fputs(v->u.number.r, stdout);
	else if (YAJL_IS_STRING(v))
		print_str(v->u.string);
	else if (YAJL_IS_ARRAY(v)) {
		putchar('[');
		for (i = 0; i < v->u.array.len; i++) {
			if (i)
				putchar(',');
			xd_print(v->u.array.values[i]);
		}
		putchar(']');
	} else {
		putchar('{');
		for (i = 0; i < v->u.object.len; i++) {
			if (i)
				putchar(',');
			print_str(v->u.object.keys[i]);
			putchar(':');
			xd_print(v->u.object.values[i]);
		}
		putchar('}');
	}
}

int xd_call(xmctld_client *c, const char *method, const char *params, xmctld_result **out)
{
	int rc = xmctld_client_call(c, method, params, out);

	if (rc < 0)
		printf("error %d %s\n", xmctld_client_error(c)->code, xmctld_client_error(c)->message);
	return rc;
}

/*
 * Split $TEST_RUNNER into words in front of argv.  xmctld links with
 * -no-install, so libtool's --mode=execute prefix is dropped (it costs
 * tens of milliseconds per start); the runner after it (qemu, valgrind)
 * is kept.
 */
static int runner_words(char *buf, size_t len, const char **argv, int max)
{
	const char *r = getenv("TEST_RUNNER"), *lt;
	int n = 0;
	char *save = NULL, *w;

	if (r && (lt = strstr(r, "--mode=execute")) != NULL)
		r = lt + strlen("--mode=execute");
	snprintf(buf, len, "%s", r ? r : "");
	for (w = strtok_r(buf, " \t", &save); w && n < max; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	return n;
}

/*
 * The daemon's environment: ours with XMCTLD_KILL_AT set or removed.
 * envp has room for n + 2 entries.
 */
static void daemon_env(char **envp, size_t n, char *kill_env)
{
	extern char **environ;
	size_t i, k = 0;

	for (i = 0; environ[i] && k < n; i++)
		if (strncmp(environ[i], "XMCTLD_KILL_AT=", 15) != 0)
			envp[k++] = environ[i];
	if (kill_env)
		envp[k++] = kill_env;
	envp[k] = NULL;
}

/*
 * Started with posix_spawn, not fork: forking a sanitizer-instrumented
 * test process copies its huge shadow mappings, which made each of the
 * crash test's hundreds of daemon starts slow.
 */
pid_t xd_daemon_start(const char *xmctld, const char *rundir, const char *statedir,
                      const char *sock, const char *const *extra, const char *kill_at)
{
	extern char **environ;
	const char *argv[XD_MAX_ARGS + 1];
	char words[1024], kill_env[64], **envp;
	int n = runner_words(words, sizeof(words), argv, 12), i, rc;
	posix_spawn_file_actions_t fa;
	size_t nenv = 0;
	pid_t pid;

	argv[n++] = xmctld;
	argv[n++] = "--foreground";
	argv[n++] = "--rundir";
	argv[n++] = rundir;
	argv[n++] = "--statedir";
	argv[n++] = statedir;
	argv[n++] = "--socket";
	argv[n++] = sock;
	for (i = 0; extra && extra[i] && n < XD_MAX_ARGS; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	while (environ[nenv])
		nenv++;
	envp = calloc(nenv + 2, sizeof(*envp));
	if (!envp)
		return -1;
	snprintf(kill_env, sizeof(kill_env), "XMCTLD_KILL_AT=%s", kill_at ? kill_at : "");
	daemon_env(envp, nenv, kill_at ? kill_env : NULL);
	posix_spawn_file_actions_init(&fa);
	/* $XD_DAEMON_LOG: where the daemon's log goes (else our stderr). */
	if (getenv("XD_DAEMON_LOG"))
		posix_spawn_file_actions_addopen(&fa, 2, getenv("XD_DAEMON_LOG"),
		                                 O_WRONLY | O_CREAT | O_APPEND, 0644);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	free(envp);
	if (rc != 0) {
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	return pid;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int xd_daemon_wait(pid_t pid, const char *sock, int timeout_ms, int *status)
{
	int waited;

	for (waited = 0; waited < timeout_ms; waited += 2) {
		xmctld_client *c = xmctld_client_open_path(sock);
		struct xmctld_versions v;

		if (c) {
			int rc = xmctld_client_ping(c, &v);

			xmctld_client_close(c);
			if (rc == 0)
				return 0;
		}
		if (waitpid(pid, status, WNOHANG) == pid)
			return -1;
		nap(2);
	}
	*status = -1;
	return -1;
}

int xd_daemon_stop(pid_t pid)
{
	int status, waited;

	kill(pid, SIGTERM);
	for (waited = 0; waited < 20000; waited += 5) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		nap(5);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}
