/*
 * The crash-consistency test.  For each scenario, and for each killpoint
 * N the scenario passes, a daemon is started with XMCTLD_KILL_AT=N (it
 * SIGKILLs itself at its N-th killpoint), the scenario runs until the
 * daemon dies, a fresh daemon is started on the same state directory, and
 * the result is checked: no orphan domain, no duplicate domain or
 * config, no config lost whose define had been answered, nothing left
 * half-built.  Then a number of kills at random moments.
 *
 * usage: xdcrash RUNDIR XMCTLD KERNEL WORKDIR STRIDE RANDOM [SCENARIO POINT]
 *   STRIDE: test every STRIDE-th killpoint (1 = all; larger under qemu)
 *   RANDOM: how many random-time kills
 * Prints the number of kill points exercised; exit 0 if all passed.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <sys/stat.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenctrl.h>

#include "xdlib.h"

#define START_MS 30000
#define MAX_STEPS 16

struct run {
	const char *rundir, *xmctld, *kernel, *work;
	char state[512], sock[512];
	xc_interface *xch;
	xmctld_client *c;
	pid_t pid;                   /* the daemon under test */
	int reaped;                  /* ... and it has exited */
	int done[MAX_STEPS];         /* step i answered with success */
	int started[MAX_STEPS];      /* step i was sent */
};

typedef void scenario_fn(struct run *r);

static int step(struct run *r, int i, const char *m, const char *p)
{
	xmctld_result *res = NULL;
	int rc;

	r->started[i] = 1;
	if (!r->c)
		return -1;
	rc = xmctld_client_call(r->c, m, p, &res);
	xmctld_result_free(res);
	if (rc == 0)
		r->done[i] = 1;
	if (rc == -ECONNRESET || rc == -EPIPE || rc == -ETIMEDOUT) {
		xmctld_client_close(r->c);
		r->c = NULL;
	}
	return rc;
}

static uint32_t domid_of(struct run *r, const char *name)
{
	uint32_t id;

	return xc_domain_lookup_name(r->xch, name, &id) == 0 ? id : 0;
}

/* Subscribe a second connection to events, to see a policy's restart. */
static xmctld_client *subscribe(struct run *r)
{
	xmctld_client *ev = r->c ? xmctld_client_open_path(r->sock) : NULL;
	xmctld_result *res = NULL;

	if (ev && xmctld_client_call(ev, "events.subscribe", NULL, &res) < 0) {
		xmctld_client_close(ev);
		ev = NULL;
	}
	xmctld_result_free(res);
	return ev;
}

/*
 * Wait for the "started" event of name (a policy restart's new instance),
 * or for the daemon's death, which closes the event connection.
 */
static void wait_restart(struct run *r, xmctld_client *ev, const char *name)
{
	xmctld_result *res = NULL;

	while (ev && xmctld_client_next_event(ev, 5000, &res) == 0) {
		yajl_val e = xd_get(xmctld_result_value(res), "event");
		yajl_val n = xd_get(xmctld_result_value(res), "name");
		int done = e && n && strcmp(e->u.string, "started") == 0 &&
		           strcmp(n->u.string, name) == 0;

		xmctld_result_free(res);
		if (done) {
			xmctld_client_close(ev);
			return;
		}
	}
	xmctld_client_close(ev);
	/* No event: the daemon died; the next call on r->c notices. */
	(void)r;
}

static char cfgbuf[1024];
static const char *cfg(const struct run *r, const char *name, const char *extra)
{
	snprintf(cfgbuf, sizeof(cfgbuf), "{\"config\":{\"name\":\"%s\",\"memory\":64,"
	         "\"kernel\":\"%s\"%s}}", name, r->kernel, extra);
	return cfgbuf;
}

static void s_define(struct run *r)
{
	step(r, 0, "domain.define", cfg(r, "cA", ""));
	step(r, 1, "domain.start", "{\"dom\":\"cA\"}");
	step(r, 2, "domain.destroy", "{\"dom\":\"cA\"}");
	step(r, 3, "domain.undefine", "{\"dom\":\"cA\"}");
	step(r, 4, "domain.define", cfg(r, "cA2", ""));
}

static void s_create(struct run *r)
{
	step(r, 0, "domain.create", cfg(r, "cB", ""));
	step(r, 1, "domain.pause", "{\"dom\":\"cB\"}");
	step(r, 2, "domain.destroy", "{\"dom\":\"cB\"}");
	step(r, 3, "domain.create", cfg(r, "cB2", ",\"on_poweroff\":\"destroy\""));
	step(r, 4, "domain.shutdown", "{\"dom\":\"cB2\"}");
}

/* A reboot handled by policy; the reboot is the guest's, from behind the daemon. */
static void s_reboot(struct run *r)
{
	xmctld_client *ev;
	uint32_t old;

	step(r, 0, "domain.define", cfg(r, "cC", ",\"on_reboot\":\"restart\""));
	step(r, 1, "domain.start", "{\"dom\":\"cC\"}");
	old = domid_of(r, "cC");
	ev = subscribe(r);
	if (ev && old && xc_domain_shutdown(r->xch, old, SHUTDOWN_reboot) == 0) {
		r->started[2] = 1;
		wait_restart(r, ev, "cC");
	} else {
		xmctld_client_close(ev);
	}
	step(r, 3, "domain.create", cfg(r, "cD", ",\"on_crash\":\"rename-restart\""));
	old = domid_of(r, "cD");
	ev = subscribe(r);
	if (ev && old && xc_domain_shutdown(r->xch, old, SHUTDOWN_crash) == 0) {
		r->started[4] = 1;
		wait_restart(r, ev, "cD");
	} else {
		xmctld_client_close(ev);
	}
	step(r, 5, "ping", NULL);
}

/* Save and restore of a managed domain. */
static void s_save(struct run *r)
{
	char p[700];

	step(r, 0, "domain.define", cfg(r, "cE", ""));
	step(r, 1, "domain.start", "{\"dom\":\"cE\"}");
	snprintf(p, sizeof(p), "{\"dom\":\"cE\",\"path\":\"%s/cE.img\"}", r->work);
	step(r, 2, "domain.save", p);
	snprintf(p, sizeof(p), "{\"path\":\"%s/cE.img\"}", r->work);
	step(r, 3, "domain.restore", p);
	step(r, 4, "domain.destroy", "{\"dom\":\"cE\"}");
	step(r, 5, "domain.undefine", "{\"dom\":\"cE\"}");
}

/* Several managed domains through their whole life, one step at a time. */
static void s_many(struct run *r)
{
	static const char *const names[] = { "cF0", "cF1", "cF2", "cF3" };
	char p[128];
	int i;

	for (i = 0; i < 4; i++)
		step(r, i, "domain.define", cfg(r, names[i], ""));
	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "{\"dom\":\"%s\"}", names[i]);
		step(r, 4 + i, "domain.start", p);
	}
	step(r, 8, "domain.set_vcpus", "{\"dom\":\"cF0\",\"vcpus\":2}");
	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "{\"dom\":\"%s\"}", names[i]);
		step(r, 9 + i, i % 2 ? "domain.shutdown" : "domain.destroy", p);
	}
	for (i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "{\"dom\":\"%s\"}", names[2 * i]);
		step(r, 13 + i, "domain.undefine", p);
	}
}

/*
 * What must hold after a crash, per domain of a scenario: from step `from`
 * on (once answered), until step `until` was sent (-1: for ever):
 *   'D' the config exists, 'R' the domain runs, 'A' it is absent.
 */
struct expect { const char *name; char kind; int from, until; };

static const struct {
	const char *name;
	scenario_fn *fn;
	struct expect ex[8];
} scenarios[] = {
	{ "define/start/undefine", s_define,
	  { { "cA", 'D', 0, 3 }, { "cA", 'R', 1, 2 }, { "cA", 'A', 3, -1 }, { "cA2", 'D', 4, -1 } } },
	{ "create/destroy/poweroff policy", s_create,
	  { { "cB", 'R', 0, 2 }, { "cB", 'A', 2, -1 }, { "cB2", 'R', 3, 4 }, { "cB2", 'A', 4, -1 } } },
	{ "reboot and rename-restart policies", s_reboot,
	  { { "cC", 'D', 0, -1 }, { "cC", 'R', 1, -1 }, { "cD", 'R', 3, -1 } } },
	{ "save/restore", s_save,
	  { { "cE", 'D', 0, 5 }, { "cE", 'R', 1, 2 }, { "cE", 'R', 3, 4 }, { "cE", 'A', 5, -1 } } },
	{ "four managed domains", s_many,
	  { { "cF0", 'D', 0, 13 }, { "cF1", 'D', 1, -1 }, { "cF2", 'D', 2, 14 }, { "cF3", 'D', 3, -1 },
	    { "cF1", 'R', 5, 10 }, { "cF0", 'A', 13, -1 } } },
};

#include "xdcrash_check.h"

static int start_daemon(struct run *r, const char *kill_at, pid_t *pid)
{
	int status = 0;

	*pid = xd_daemon_start(r->xmctld, r->rundir, r->state, r->sock, NULL, kill_at);
	if (*pid < 0)
		return -1;
	if (xd_daemon_wait(*pid, r->sock, START_MS, &status) < 0)
		return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 1 : -1;
	return 0;
}

/* A random-time kill: SIGKILL the daemon after a random delay. */
static pthread_t killer;
static pid_t killer_pid;
static useconds_t killer_delay_us;

static void *kill_later(void *arg)
{
	(void)arg;
	usleep(killer_delay_us);
	kill(killer_pid, SIGKILL);
	return NULL;
}

/* One run: kill at killpoint n (0: a random moment).  1 = scenario completed. */
static int one(struct run *r, unsigned s, unsigned n)
{
	char at[16];
	pid_t pid, pid2;
	int rc, status, completed, threaded;

	const char *what = scenarios[s].name;

	snprintf(at, sizeof(at), "%u", n ? n : 1000000);
	memset(r->done, 0, sizeof(r->done));
	memset(r->started, 0, sizeof(r->started));
	r->reaped = 0;
	rc = start_daemon(r, at, &pid);
	r->pid = pid;
	r->reaped = rc == 1;
	if (rc < 0)
		return fail_run(r, what, n, "daemon did not start");
	r->c = rc == 0 ? xmctld_client_open_path(r->sock) : NULL;
	threaded = r->c && n == 0;
	if (threaded) {
		killer_pid = pid;
		killer_delay_us = (useconds_t)(rand() % 20000);
		if (pthread_create(&killer, NULL, kill_later, NULL) != 0)
			return fail_run(r, what, n, "cannot start the killer thread");
	}
	scenarios[s].fn(r);
	completed = r->c != NULL;
	xmctld_client_close(r->c);
	r->c = NULL;
	if (completed && n)
		kill(pid, SIGTERM);
	if (threaded)
		pthread_join(killer, NULL);
	if (!r->reaped)
		waitpid(pid, &status, 0);
	if (start_daemon(r, NULL, &pid2) != 0)
		return fail_run(r, what, n, "restarted daemon did not serve");
	rc = check_state(r, scenarios[s].ex, what, n);
	xd_daemon_stop(pid2);
	reset(r);
	return rc < 0 ? -1 : completed;
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	unsigned s, n, stride, randoms, points = 0, failures = 0;

	if (argc < 7)
		return 2;
	r.rundir = argv[1];
	r.xmctld = argv[2];
	r.kernel = argv[3];
	r.work = argv[4];
	stride = (unsigned)atoi(argv[5]);
	randoms = (unsigned)atoi(argv[6]);
	snprintf(r.state, sizeof(r.state), "%s/state", r.work);
	snprintf(r.sock, sizeof(r.sock), "%s/xmctld.sock", r.work);
	r.xch = xc_interface_open_rundir(r.rundir, NULL, 0);
	if (!r.xch || stride == 0)
		return 2;
	srand(1);
	if (argc > 7) {                  /* debugging: one scenario, one killpoint */
		s = (unsigned)atoi(argv[7]);
		n = (unsigned)atoi(argv[8]);
		n = one(&r, s, n) < 0;
		xc_interface_close(r.xch);
		return (int)n;
	}
	for (s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
		for (n = 1;; n += stride) {
			int rc = one(&r, s, n);

			if (rc < 0)
				failures++;
			if (rc == 1)
				break;           /* passed every killpoint of this scenario */
			points++;
		}
		printf("%s: %u killpoints\n", scenarios[s].name, n - 1);
	}
	for (n = 0; n < randoms; n++) {
		s = n % (sizeof(scenarios) / sizeof(scenarios[0]));
		if (one(&r, s, 0) < 0)
			failures++;
		points++;
	}
	xc_interface_close(r.xch);
	printf("%u kill points exercised, %u failures\n", points, failures);
	return failures ? 1 : 0;
}
