/*
 * The end of every check test program's main(): run the suite and turn
 * its failures into the exit status automake's test driver reads.
 * Included as "../check-run.h" from tests/<area>/.
 */
#ifndef TESTS_CHECK_RUN_H
#define TESTS_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

/* Run every test of s (the runner owns and frees s): EXIT_SUCCESS when none failed. */
static inline int check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
