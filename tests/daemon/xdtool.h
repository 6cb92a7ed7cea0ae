/* xdtool: the daemon integration tests' client.  One function per subcommand. */
#ifndef TESTS_DAEMON_XDTOOL_H
#define TESTS_DAEMON_XDTOOL_H

int xd_badreq(const char *sock);
int xd_fuzz(const char *sock, unsigned seed, unsigned count);
int xd_concurrent(const char *sock, unsigned n, const char *kernel);

#endif
