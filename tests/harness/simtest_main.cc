// SPDX-License-Identifier: GPL-2.0-only
//
// GoogleTest glue for C test bodies: registers every simtest_case record
// found in the "simtest_cases" section and reports C failures at their
// file:line. Fails outright when no C test is linked in, so a test object
// dropped by the linker cannot pass as "0 tests".
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "simtest.h"

extern "C" {
extern const struct simtest_case __start_simtest_cases[] __attribute__((weak));
extern const struct simtest_case __stop_simtest_cases[] __attribute__((weak));
extern const struct simtest_hook __start_simtest_hooks[] __attribute__((weak));
extern const struct simtest_hook __stop_simtest_hooks[] __attribute__((weak));
}

namespace {

bool g_failed;
std::string g_skip;
std::string g_tmpdir;

class CTest : public testing::Test {
public:
	explicit CTest(const simtest_case *c) : c_(c) {}
	void TestBody() override
	{
		g_failed = false;
		g_skip.clear();
		for (const simtest_hook *h = __start_simtest_hooks;
		     h && h < __stop_simtest_hooks; h++)
			if (h->before)
				h->before();
		c_->fn();
		for (const simtest_hook *h = __start_simtest_hooks;
		     h && h < __stop_simtest_hooks; h++)
			if (h->after)
				h->after();
		if (!g_tmpdir.empty()) {
			std::error_code ec;
			std::filesystem::remove_all(g_tmpdir, ec);
			g_tmpdir.clear();
		}
		if (!g_skip.empty())
			GTEST_SKIP() << g_skip;
	}

private:
	const simtest_case *c_;
};

} // namespace

extern "C" void simtest_fail(const char *file, int line, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	g_failed = true;
	ADD_FAILURE_AT(file, line) << buf;
}

extern "C" void simtest_skip(const char *file, int line, const char *why)
{
	g_skip = std::string(file) + ":" + std::to_string(line) + ": " + why;
}

extern "C" bool simtest_failed(void)
{
	return g_failed;
}

extern "C" const char *simtest_tmpdir(void)
{
	if (g_tmpdir.empty()) {
		const char *base = getenv("TMPDIR");
		std::string tmpl = std::string(base ? base : "/tmp") +
				   "/simtest.XXXXXX";
		std::vector<char> s(tmpl.begin(), tmpl.end());
		s.push_back('\0');
		if (!mkdtemp(s.data())) {
			perror("mkdtemp");
			abort();
		}
		g_tmpdir = s.data();
	}
	return g_tmpdir.c_str();
}

extern "C" char *simtest_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = nullptr;
	long n = -1;

	if (len)
		*len = 0;
	if (!f)
		return nullptr;
	if (fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0)
		buf = static_cast<char *>(malloc(static_cast<size_t>(n) + 1));
	if (buf && fread(buf, 1, static_cast<size_t>(n), f) != static_cast<size_t>(n)) {
		free(buf);
		buf = nullptr;
	}
	fclose(f);
	if (!buf)
		return nullptr;
	buf[n] = 0;
	if (len)
		*len = static_cast<size_t>(n);
	return buf;
}

int main(int argc, char **argv)
{
	testing::InitGoogleTest(&argc, argv);

	std::vector<const simtest_case *> cases;
	for (const simtest_case *c = __start_simtest_cases;
	     c && c < __stop_simtest_cases; c++)
		cases.push_back(c);
	if (cases.empty()) {
		fprintf(stderr, "simtest: no C test is linked into this binary\n");
		return 1;
	}
	// Section order follows link order; sort for a stable listing.
	std::sort(cases.begin(), cases.end(),
		  [](const simtest_case *a, const simtest_case *b) {
			  int s = strcmp(a->suite, b->suite);
			  return s ? s < 0 : strcmp(a->name, b->name) < 0;
		  });
	for (const simtest_case *c : cases)
		testing::RegisterTest(c->suite, c->name, nullptr, nullptr,
				      c->file, c->line,
				      [c]() -> testing::Test * { return new CTest(c); });
	return RUN_ALL_TESTS();
}
