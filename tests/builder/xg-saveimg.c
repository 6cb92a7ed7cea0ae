/*
 * xg-saveimg: one side of the cross-configuration save/restore test
 * (save-cross.sh).  With XG_SAVEIMG=save:FILE it builds the deterministic
 * test guest as domain XG_CROSS_DOMID and saves it to FILE (destroying it),
 * raw, as save does by default; zlib:FILE does the same with XC_SAVE_COMPRESS;
 * with XG_SAVEIMG=verify:FILE it restores FILE and checks every page and
 * vcpu 1's context.  It talks to the hypervisor named by $XENPPC_RUNDIR,
 * which the script starts.  A check program, so bldtest's assertions work.
 */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bldtest.h"

#define XG_CROSS_DOMID 42
#define XG_CROSS_MEM (80ULL << 20)
#define XG_CROSS_EVERY 8ULL

START_TEST(test_saveimg)
{
	const char *spec = getenv("XG_SAVEIMG");
	xc_interface *xch = xctest_open();
	uint32_t domid;
	char why[128];
	int fd;

	ck_assert_msg(spec != NULL, "set XG_SAVEIMG=save:FILE, zlib:FILE or verify:FILE");
	if (strncmp(spec, "save:", 5) == 0 || strncmp(spec, "zlib:", 5) == 0) {
		int zlib = spec[0] == 'z';
		domid = bld_guest(xch, XG_CROSS_DOMID, XG_CROSS_MEM, XG_CROSS_EVERY);
		fd = open(strchr(spec, ':') + 1, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		ck_assert_int_ge(fd, 0);
		XC_OK(xch, xc_domain_save(xch, fd, domid,
		                          XC_SAVE_DESTROY | (zlib ? XC_SAVE_COMPRESS : 0), NULL, NULL));
	} else {
		ck_assert_msg(strncmp(spec, "verify:", 7) == 0, "bad XG_SAVEIMG '%s'", spec);
		fd = open(spec + 7, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		XC_OK(xch, xc_domain_restore(xch, fd, &domid, 0, NULL, NULL));
		ck_assert_msg(bld_verify(xch, domid, XG_CROSS_MEM, XG_CROSS_EVERY, why, sizeof(why)) == 0,
		              "%s", why);
		XC_OK(xch, xc_domain_destroy(xch, domid));
	}
	close(fd);
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("saveimg");
	TCase *tc = tcase_create("saveimg");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_saveimg);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
