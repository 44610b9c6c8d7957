/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simtest.h - C test bodies over GoogleTest.
 *
 * TEST(suite, name) { ... } places a record in the "simtest_cases" linker
 * section; the C++ main (simtest_main.cc) registers every record with
 * GoogleTest, so ctest runs and reports each test by name and a failure
 * points at the C file and line that failed.
 *
 * EXPECT_* record a failure and go on; ASSERT_* record it and return from
 * the function they are written in (as GoogleTest's ASSERT does), so write
 * them in the test body or in a helper whose caller checks simtest_failed().
 */
#ifndef SIMTEST_H
#define SIMTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

struct simtest_case {
	const char *suite;
	const char *name;
	void (*fn)(void);
	const char *file;
	int line;
};

void simtest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True once the running test has recorded a failure. */
bool simtest_failed(void);
/* A per-test temporary directory (created on first use, removed after). */
const char *simtest_tmpdir(void);
/*
 * The whole of a file, NUL-terminated, in memory the caller frees; NULL if
 * it cannot be read. len (if not NULL) gets its size.
 */
char *simtest_read_file(const char *path, size_t *len);

/* The test does not apply here: it ends, reported as skipped, with why. */
void simtest_skip(const char *file, int line, const char *why);

/*
 * Hooks run around every test, e.g. the kernel shim checks that no WARN
 * fired. Register with SIMTEST_HOOK; the hook's after() reports failures
 * with simtest_fail().
 */
struct simtest_hook {
	const char *name;
	void (*before)(void);
	void (*after)(void);
};

#ifndef __cplusplus  /* the C++ glue includes GoogleTest, which owns these names */

#define SIMTEST_SECTION_ATTR(sec) \
	__attribute__((used, section(sec), aligned(sizeof(void *))))

#define TEST(suite, name)                                                    \
	static void simtest_fn_##suite##_##name(void);                       \
	static const struct simtest_case simtest_rec_##suite##_##name        \
		SIMTEST_SECTION_ATTR("simtest_cases") = {                    \
			#suite, #name, simtest_fn_##suite##_##name, __FILE__, \
			__LINE__                                              \
		};                                                           \
	static void simtest_fn_##suite##_##name(void)

#define SIMTEST_HOOK(id, before_fn, after_fn)                      \
	static const struct simtest_hook simtest_hook_##id           \
		SIMTEST_SECTION_ATTR("simtest_hooks") = { #id, before_fn, \
							   after_fn }

/* --- comparisons ---------------------------------------------------- */

/* Record a failure at this line; if fatal, return from the function. */
#define SIMTEST_FAIL_(fatal, ...)                                      \
	do {                                                           \
		simtest_fail(__FILE__, __LINE__, __VA_ARGS__);         \
		if (fatal)                                             \
			return;                                        \
	} while (0)

#define SIMTEST_CMP_(a, b, op, fatal)                                          \
	do {                                                                   \
		__typeof__(a) simtest_a_ = (a);                                \
		__typeof__(b) simtest_b_ = (b);                                \
		if (!(simtest_a_ op simtest_b_))                               \
			SIMTEST_FAIL_(fatal,                                   \
				      "expected %s %s %s\n  left:  %lld (0x%llx)\n" \
				      "  right: %lld (0x%llx)",                \
				      #a, #op, #b, (long long)simtest_a_,      \
				      (unsigned long long)simtest_a_,          \
				      (long long)simtest_b_,                   \
				      (unsigned long long)simtest_b_);         \
	} while (0)

#define SKIP(why)                                              \
	do {                                                   \
		simtest_skip(__FILE__, __LINE__, why);         \
		return;                                        \
	} while (0)

#define EXPECT_EQ(a, b) SIMTEST_CMP_(a, b, ==, 0)
#define EXPECT_NE(a, b) SIMTEST_CMP_(a, b, !=, 0)
#define EXPECT_LT(a, b) SIMTEST_CMP_(a, b, <, 0)
#define EXPECT_LE(a, b) SIMTEST_CMP_(a, b, <=, 0)
#define EXPECT_GT(a, b) SIMTEST_CMP_(a, b, >, 0)
#define EXPECT_GE(a, b) SIMTEST_CMP_(a, b, >=, 0)
#define ASSERT_EQ(a, b) SIMTEST_CMP_(a, b, ==, 1)
#define ASSERT_NE(a, b) SIMTEST_CMP_(a, b, !=, 1)
#define ASSERT_LT(a, b) SIMTEST_CMP_(a, b, <, 1)
#define ASSERT_LE(a, b) SIMTEST_CMP_(a, b, <=, 1)
#define ASSERT_GT(a, b) SIMTEST_CMP_(a, b, >, 1)
#define ASSERT_GE(a, b) SIMTEST_CMP_(a, b, >=, 1)

#define SIMTEST_BOOL_(c, want, fatal)                                      \
	do {                                                               \
		if ((c) ? !(want) : (want))                                \
			SIMTEST_FAIL_(fatal, "expected %s: %s",            \
				      (want) ? "true" : "false", #c);      \
	} while (0)

#define EXPECT_TRUE(c)  SIMTEST_BOOL_(c, true, 0)
#define EXPECT_FALSE(c) SIMTEST_BOOL_(c, false, 0)
#define ASSERT_TRUE(c)  SIMTEST_BOOL_(c, true, 1)
#define ASSERT_FALSE(c) SIMTEST_BOOL_(c, false, 1)

#define SIMTEST_STR_(a, b, fatal)                                             \
	do {                                                                  \
		const char *simtest_sa_ = (a), *simtest_sb_ = (b);            \
		if (!simtest_sa_ || !simtest_sb_ ||                           \
		    strcmp(simtest_sa_, simtest_sb_) != 0)                    \
			SIMTEST_FAIL_(fatal,                                  \
				      "expected %s == %s\n  left:  \"%s\"\n"  \
				      "  right: \"%s\"",                      \
				      #a, #b, simtest_sa_ ? simtest_sa_ : "(null)", \
				      simtest_sb_ ? simtest_sb_ : "(null)");  \
	} while (0)

#define EXPECT_STREQ(a, b) SIMTEST_STR_(a, b, 0)
#define ASSERT_STREQ(a, b) SIMTEST_STR_(a, b, 1)

#define SIMTEST_MEM_(a, b, n, fatal)                                        \
	do {                                                                \
		if (memcmp((a), (b), (n)) != 0)                             \
			SIMTEST_FAIL_(fatal,                                \
				      "expected %zu bytes equal: %s vs %s", \
				      (size_t)(n), #a, #b);                 \
	} while (0)

#define EXPECT_MEMEQ(a, b, n) SIMTEST_MEM_(a, b, n, 0)
#define ASSERT_MEMEQ(a, b, n) SIMTEST_MEM_(a, b, n, 1)

/*
 * A system call style result: expr must return -1 with errno == err
 * (err 0: expr must return 0).
 */
#define SIMTEST_ERRNO_(expr, err, fatal)                                      \
	do {                                                                  \
		errno = 0;                                                    \
		long simtest_r_ = (long)(expr);                               \
		int simtest_e_ = errno;                                       \
		int simtest_want_ = (err);                                    \
		if (simtest_want_ ? (simtest_r_ != -1 || simtest_e_ != simtest_want_) \
				  : simtest_r_ != 0)                          \
			SIMTEST_FAIL_(fatal,                                  \
				      "%s\n  returned %ld, errno %d (%s); "   \
				      "expected errno %d (%s)",               \
				      #expr, simtest_r_, simtest_e_,          \
				      strerror(simtest_e_), simtest_want_,    \
				      strerror(simtest_want_));               \
	} while (0)

#define EXPECT_ERRNO(expr, err) SIMTEST_ERRNO_(expr, err, 0)
#define ASSERT_ERRNO(expr, err) SIMTEST_ERRNO_(expr, err, 1)
#define EXPECT_OK(expr)         SIMTEST_ERRNO_(expr, 0, 0)
#define ASSERT_OK(expr)         SIMTEST_ERRNO_(expr, 0, 1)

#define FAIL(...) SIMTEST_FAIL_(1, __VA_ARGS__)
#define ADD_FAILURE(...) simtest_fail(__FILE__, __LINE__, __VA_ARGS__)

#endif /* !__cplusplus */

#ifdef __cplusplus
}
#endif

#endif /* SIMTEST_H */
