// SPDX-License-Identifier: GPL-2.0-only
/*
 * libiommusim-preload.so seen from an ordinary program: this binary links
 * no kernel code and makes plain libc calls; ctest runs it with
 * LD_PRELOAD set. Each test checks a behaviour of the kernel a real
 * /dev/iommu program relies on.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "kernel_version.h"
#include "iommufd_test.h"
#include "simtest.h"

extern char **environ;

/*
 * Names the kernel side also defines. The program's own definitions are
 * the ones its calls reach: the preload exports only libc's names.
 */
void *kmalloc(size_t size, unsigned int flags);
int iommufd_fops_open(void);

void *kmalloc(size_t size, unsigned int flags)
{
	return (void *)(0x1000UL + size + flags);
}

int iommufd_fops_open(void)
{
	return 4242;
}

static int ioas_alloc(int fd, uint32_t *id)
{
	struct iommu_ioas_alloc cmd = { .size = sizeof(cmd) };
	int rc;

	*id = 0;
	rc = ioctl(fd, IOMMU_IOAS_ALLOC, &cmd);

	if (!rc)
		*id = cmd.out_ioas_id;
	return rc;
}

static int destroy(int fd, uint32_t id)
{
	struct iommu_destroy cmd = { .size = sizeof(cmd), .id = id };

	return ioctl(fd, IOMMU_DESTROY, &cmd);
}

static int ioas_map(int fd, uint32_t ioas, void *buf, size_t len, uint64_t iova)
{
	struct iommu_ioas_map cmd = {
		.size = sizeof(cmd),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = ioas,
		.user_va = (uintptr_t)buf,
		.length = len,
		.iova = iova,
	};

	return ioctl(fd, IOMMU_IOAS_MAP, &cmd);
}

static int mock_domain(int fd, uint32_t pt, uint32_t *stdev, uint32_t *hwpt, uint32_t *idev)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd), .op = IOMMU_TEST_OP_MOCK_DOMAIN, .id = pt,
	};
	int rc = ioctl(fd, IOMMU_TEST_CMD, &cmd);

	if (!rc) {
		*stdev = cmd.mock_domain.out_stdev_id;
		*hwpt = cmd.mock_domain.out_hwpt_id;
		*idev = cmd.mock_domain.out_idev_id;
	}
	return rc;
}

/* A new IOAS of fd with a mock domain (device) attached to it. */
static int ioas_with_domain(int fd, uint32_t *ioas, uint32_t *stdev, uint32_t *hwpt,
			    uint32_t *idev)
{
	if (ioas_alloc(fd, ioas))
		return -1;
	return mock_domain(fd, *ioas, stdev, hwpt, idev);
}

/* IOMMU_TEST_OP_MD_CHECK_REFS: every page of buf has refs references. */
static int check_refs(int fd, void *buf, size_t len, unsigned int refs)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd), .op = IOMMU_TEST_OP_MD_CHECK_REFS,
		.check_refs = { .length = len, .uptr = (uintptr_t)buf, .refs = refs },
	};

	return ioctl(fd, IOMMU_TEST_CMD, &cmd);
}

static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

TEST(Preload, DevIommuIsServed)
{
	uint32_t ioas = 0;
	int fd = open("/dev/iommu", O_RDWR | O_CLOEXEC);

	ASSERT_GE(fd, 0);
	EXPECT_OK(ioas_alloc(fd, &ioas));
	EXPECT_NE(ioas, 0u);
	/* An unknown ioctl on iommufd: ENOTTY, as vfs_ioctl() says. */
	EXPECT_ERRNO(ioctl(fd, _IO(IOMMUFD_TYPE, 0x7f)), ENOTTY);
	EXPECT_OK(destroy(fd, ioas));
	EXPECT_ERRNO(destroy(fd, ioas), ENOENT);
	EXPECT_OK(close(fd));
	EXPECT_ERRNO(close(fd), EBADF);
	EXPECT_ERRNO(ioctl(fd, IOMMU_IOAS_ALLOC, NULL), EBADF);
}

TEST(Preload, OpenVariantsAreServed)
{
	int a = openat(AT_FDCWD, "/dev/iommu", O_RDWR);
	int b = open64("/dev/iommu", O_RDWR);
	uint32_t id;

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_OK(ioas_alloc(a, &id));
	EXPECT_OK(ioas_alloc(b, &id));
	EXPECT_OK(access("/dev/iommu", R_OK | W_OK));
	close(a);
	close(b);
}

TEST(Preload, OtherPathsAndFdsGoToLibc)
{
	int fd = open("/dev/null", O_RDWR);
	char c;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, &c, 1), 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	/* The host kernel answers for /dev/null, not iommufd. */
	EXPECT_ERRNO(ioctl(fd, IOMMU_IOAS_ALLOC, NULL), ENOTTY);
	EXPECT_OK(close(fd));
	EXPECT_ERRNO(open("/dev/iommu-not-this", O_RDWR), ENOENT);
	/* Relative to a directory fd: a real path, not ours. */
	EXPECT_ERRNO(openat(AT_FDCWD, "dev/iommu", O_RDWR), ENOENT);
}

/*
 * The file lives while any fd names it: after dup and close of the
 * original, the IOAS still answers; closing the last fd releases it,
 * which the pins it held show (MD_CHECK_REFS through a second iommufd).
 */
TEST(Preload, DupKeepsTheFileUntilTheLastClose)
{
	size_t len = 4 * 4096;
	void *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/iommu", O_RDWR), other = open("/dev/iommu", O_RDWR);
	int d1, d2, d3, null_fd;
	uint32_t ioas, stdev, hwpt, idev;

	ASSERT_NE(buf, MAP_FAILED);
	memset(buf, 0x5a, len);
	ASSERT_GE(fd, 0);
	ASSERT_GE(other, 0);
	ASSERT_OK(ioas_with_domain(fd, &ioas, &stdev, &hwpt, &idev));
	ASSERT_OK(ioas_map(fd, ioas, buf, len, MOCK_APERTURE_START));
	/* Pinned once by the domain (MD_CHECK_REFS counts pins). */
	EXPECT_OK(check_refs(other, buf, len, 1));

	d1 = dup(fd);
	d2 = fcntl(fd, F_DUPFD_CLOEXEC, 200);
	null_fd = open("/dev/null", O_RDONLY);
	ASSERT_GE(null_fd, 0);
	d3 = dup2(fd, null_fd);         /* over a libc fd */
	ASSERT_GE(d1, 0);
	ASSERT_GE(d2, 200);
	EXPECT_EQ(d3, null_fd);
	EXPECT_TRUE(fcntl(d2, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(dup2(d1, d1), d1);

	EXPECT_OK(close(fd));
	EXPECT_OK(destroy(d1, stdev));          /* same objects through any dup */
	EXPECT_OK(mock_domain(d2, ioas, &stdev, &hwpt, &idev));
	EXPECT_OK(check_refs(other, buf, len, 1));
	EXPECT_OK(close(d1));
	EXPECT_OK(close(d2));
	EXPECT_OK(check_refs(other, buf, len, 1));   /* d3 still holds it */

	/* dup2 of a libc fd over the last kernel fd: the file is released. */
	null_fd = open("/dev/null", O_RDONLY);
	ASSERT_GE(null_fd, 0);
	EXPECT_EQ(dup2(null_fd, d3), d3);
	EXPECT_ERRNO(ioctl(d3, IOMMU_IOAS_ALLOC, NULL), ENOTTY);       /* /dev/null now */
	EXPECT_OK(check_refs(other, buf, len, 0));
	close(d3);
	close(null_fd);
	close(other);
	munmap(buf, len);
}

/* The fault fd is a real fd: poll() sees a queued fault. */
TEST(Preload, FaultFdBecomesReadable)
{
	int fd = open("/dev/iommu", O_RDWR), fault_fd;
	uint32_t ioas, stdev, hwpt, idev;
	struct iommu_hwpt_alloc parent = { .size = sizeof(parent) };
	struct iommu_hwpt_selftest data = { .iotlb = IOMMU_TEST_IOTLB_DEFAULT };
	struct iommu_hwpt_alloc nested = { .size = sizeof(nested) };
	struct iommu_fault_alloc falloc = { .size = sizeof(falloc) };
	struct iommu_test_cmd attach = { .size = sizeof(attach),
					 .op = IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE };
	struct iommu_test_cmd trigger = {
		.size = sizeof(trigger), .op = IOMMU_TEST_OP_TRIGGER_IOPF,
		.trigger_iopf = { .pasid = 1, .grpid = 7, .addr = 0xcafe000,
				  .perm = IOMMU_PGFAULT_PERM_READ },
	};
	struct iommu_hwpt_pgfault pf;
	struct iommu_hwpt_page_response resp = { .code = IOMMUFD_PAGE_RESP_SUCCESS };
	int epfd;

	ASSERT_GE(fd, 0);
	ASSERT_OK(ioas_with_domain(fd, &ioas, &stdev, &hwpt, &idev));
	parent.dev_id = idev;
	parent.pt_id = ioas;
	parent.flags = IOMMU_HWPT_ALLOC_NEST_PARENT;
	ASSERT_OK(ioctl(fd, IOMMU_HWPT_ALLOC, &parent));
	ASSERT_OK(ioctl(fd, IOMMU_FAULT_QUEUE_ALLOC, &falloc));
	fault_fd = falloc.out_fault_fd;
	nested.dev_id = idev;
	nested.pt_id = parent.out_hwpt_id;
	nested.flags = IOMMU_HWPT_FAULT_ID_VALID;
	nested.fault_id = falloc.out_fault_id;
	nested.data_type = IOMMU_HWPT_DATA_SELFTEST;
	nested.data_len = sizeof(data);
	nested.data_uptr = (uintptr_t)&data;
	ASSERT_OK(ioctl(fd, IOMMU_HWPT_ALLOC, &nested));
	attach.id = stdev;
	attach.mock_domain_replace.pt_id = nested.out_hwpt_id;
	ASSERT_OK(ioctl(fd, IOMMU_TEST_CMD, &attach));

	EXPECT_FALSE(readable(fault_fd));
	epfd = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_GE(epfd, 0);
	{
		struct epoll_event ev = { .events = EPOLLIN, .data.fd = fault_fd };

		ASSERT_OK(epoll_ctl(epfd, EPOLL_CTL_ADD, fault_fd, &ev));
		EXPECT_EQ(epoll_wait(epfd, &ev, 1, 0), 0);
		trigger.trigger_iopf.dev_id = idev;
		ASSERT_OK(ioctl(fd, IOMMU_TEST_CMD, &trigger));
		EXPECT_EQ(epoll_wait(epfd, &ev, 1, 0), 1);
		EXPECT_EQ(ev.data.fd, fault_fd);
	}
	EXPECT_TRUE(readable(fault_fd));
	ASSERT_EQ(read(fault_fd, &pf, sizeof(pf)), (ssize_t)sizeof(pf));
	EXPECT_EQ(pf.grpid, 7u);
	EXPECT_EQ(pf.addr, 0xcafe000ull);
	EXPECT_EQ(pf.dev_id, idev);
	EXPECT_FALSE(readable(fault_fd));
	resp.cookie = pf.cookie;
	EXPECT_EQ(write(fault_fd, &resp, sizeof(resp)), (ssize_t)sizeof(resp));
	/* Kernel files are not seekable: pread is ESPIPE, as for anon inodes. */
	EXPECT_ERRNO(pread(fault_fd, &pf, sizeof(pf), 0), ESPIPE);

	attach.mock_domain_replace.pt_id = ioas;
	EXPECT_OK(ioctl(fd, IOMMU_TEST_CMD, &attach));
	close(epfd);
	EXPECT_OK(close(fault_fd));
	EXPECT_OK(close(fd));
}

/* A fork()ed child shares the kernel: its changes are the parent's too. */
TEST(Preload, ForkChildSharesTheKernel)
{
	int fd = open("/dev/iommu", O_RDWR), status = -1;
	uint32_t ioas, child_ioas = 0;
	int report[2];
	pid_t pid;

	ASSERT_GE(fd, 0);
	ASSERT_OK(ioas_alloc(fd, &ioas));
	ASSERT_OK(pipe(report));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		uint32_t id;
		int fd2;

		/* The inherited fd names the parent's iommufd. */
		if (ioas_alloc(fd, &id) || write(report[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		if (destroy(fd, ioas) || destroy(fd, ioas) != -1 || errno != ENOENT)
			_exit(2);
		/* A file the child opens is its own; closing its fds is its business. */
		fd2 = open("/dev/iommu", O_RDWR);
		if (fd2 < 0 || ioas_alloc(fd2, &id) || close(fd2) || close(fd))
			_exit(3);
		_exit(0);
	}
	close(report[1]);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	ASSERT_EQ(read(report[0], &child_ioas, sizeof(child_ioas)), (ssize_t)sizeof(child_ioas));
	close(report[0]);
	/* The child's destroy and alloc happened in the parent's iommufd, which
	 * the child's close of its fd did not release. */
	EXPECT_ERRNO(destroy(fd, ioas), ENOENT);
	EXPECT_OK(destroy(fd, child_ioas));
	EXPECT_OK(close(fd));
}

/*
 * The child's inherited fd holds the file as the parent's does: the
 * parent's close does not release the iommufd (its pins stay), the
 * child's end does, however it ends (here SIGKILL: no exit handler runs;
 * the kernel notices at the next entry).
 */
TEST(Preload, ForkedFdHoldsTheFileUntilTheChildEnds)
{
	size_t len = 2 * 4096;
	void *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/iommu", O_RDWR), other = open("/dev/iommu", O_RDWR);
	int ready[2], status = 0;
	uint32_t ioas, stdev, hwpt, idev;
	pid_t pid;
	char c;

	ASSERT_NE(buf, MAP_FAILED);
	ASSERT_GE(fd, 0);
	ASSERT_GE(other, 0);
	ASSERT_OK(ioas_with_domain(fd, &ioas, &stdev, &hwpt, &idev));
	ASSERT_OK(ioas_map(fd, ioas, buf, len, MOCK_APERTURE_START));
	ASSERT_OK(pipe(ready));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	EXPECT_OK(close(fd));
	EXPECT_OK(check_refs(other, buf, len, 1));      /* the child's fd holds it */
	ASSERT_OK(kill(pid, SIGKILL));
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_OK(check_refs(other, buf, len, 0));      /* released with the child */
	close(other);
	close(ready[0]);
	close(ready[1]);
	munmap(buf, len);
}

/* IOMMU_TEST_OP_CREATE_ACCESS on ioas: the access fd, or -1. */
static int create_access(int fd, uint32_t ioas)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd), .op = IOMMU_TEST_OP_CREATE_ACCESS, .id = ioas,
	};

	if (ioctl(fd, IOMMU_TEST_CMD, &cmd))
		return -1;
	return (int)cmd.create_access.out_access_fd;
}

/* The kernel reads or writes len bytes at iova through access (CPU access, as a mdev does). */
static int access_rw(int fd, int access, uint64_t iova, void *buf, size_t len, bool write)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd), .op = IOMMU_TEST_OP_ACCESS_RW, .id = (uint32_t)access,
		.access_rw = { .iova = iova, .length = len, .uptr = (uintptr_t)buf,
			       .flags = write ? MOCK_ACCESS_RW_WRITE : 0 },
	};

	return ioctl(fd, IOMMU_TEST_CMD, &cmd);
}

/*
 * The child maps its own private memory into the parent's IOAS and the
 * parent reaches it through the kernel: reads see the child's data (not
 * the parent's copy of the same addresses), writes land in the child.
 * Once the child has exited, its unpinned mapping has no memory behind
 * it: pinning it for a new domain and CPU access both fail with EFAULT.
 */
TEST(Preload, ForkChildMapsParentReachesItsMemory)
{
	size_t len = 2 * 4096;
	unsigned char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/iommu", O_RDWR), status = -1, access;
	int mapped[2], go[2];
	unsigned char got[64], put[64];
	uint32_t ioas, stdev, hwpt, idev;
	pid_t pid;
	char c;

	ASSERT_NE(buf, MAP_FAILED);
	ASSERT_GE(fd, 0);
	memset(buf, 0xaa, len);                 /* the parent's copy */
	ASSERT_OK(ioas_alloc(fd, &ioas));
	access = create_access(fd, ioas);
	ASSERT_GE(access, 0);
	ASSERT_OK(pipe(mapped));
	ASSERT_OK(pipe(go));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		memset(buf, 0xc1, len);         /* the child's own data */
		if (ioas_map(fd, ioas, buf, len, MOCK_APERTURE_START))
			_exit(1);
		if (write(mapped[1], "m", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(2);
		/* The parent wrote 64 bytes of 0x5e at offset 100 of page 1. */
		for (size_t i = 0; i < len; i++)
			if (buf[i] != (i >= 4096 + 100 && i < 4096 + 164 ? 0x5e : 0xc1)) {
				fprintf(stderr, "byte %zu is %#x\n", i, buf[i]);
				_exit(3);
			}
		_exit(0);
	}
	ASSERT_EQ(read(mapped[0], &c, 1), 1);

	/* The child is alive: its memory, not the parent's, behind the IOVA. */
	memset(got, 0, sizeof(got));
	EXPECT_OK(access_rw(fd, access, MOCK_APERTURE_START + 4000, got, sizeof(got), false));
	for (size_t i = 0; i < sizeof(got); i++)
		EXPECT_EQ(got[i], 0xc1);
	memset(put, 0x5e, sizeof(put));
	EXPECT_OK(access_rw(fd, access, MOCK_APERTURE_START + 4096 + 100, put, sizeof(put), true));
	EXPECT_EQ(buf[4096 + 100], 0xaa);       /* the parent's copy is untouched */
	ASSERT_EQ(write(go[1], "g", 1), 1);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);      /* and saw the parent's write */

	/* Gone: nothing was pinned, and its memory went with it. */
	EXPECT_ERRNO(mock_domain(fd, ioas, &stdev, &hwpt, &idev), EFAULT);
	EXPECT_ERRNO(access_rw(fd, access, MOCK_APERTURE_START, got, sizeof(got), false), EFAULT);
	EXPECT_OK(close(access));
	EXPECT_OK(close(fd));
	close(mapped[0]);
	close(mapped[1]);
	close(go[0]);
	close(go[1]);
	munmap(buf, len);
}

/*
 * With a domain in the IOAS, the child's map pins its pages, and the pins
 * outlive the child: after it exited, a second domain is filled from the
 * first and the parent still reads the child's data through the kernel.
 * (The buffer is MAP_SHARED, as the kernel selftest's is.) Closing the
 * last fd releases the pins the child took.
 */
TEST(Preload, ForkChildPinsOutliveIt)
{
	size_t len = 4 * 4096;
	unsigned char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/iommu", O_RDWR), other = open("/dev/iommu", O_RDWR);
	int status = -1, access;
	uint32_t ioas, stdev, hwpt, idev;
	unsigned char got[256];
	pid_t pid;

	ASSERT_NE(buf, MAP_FAILED);
	ASSERT_GE(fd, 0);
	ASSERT_GE(other, 0);
	ASSERT_OK(ioas_with_domain(fd, &ioas, &stdev, &hwpt, &idev));
	access = create_access(fd, ioas);
	ASSERT_GE(access, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char)(i * 7);
		_exit(ioas_map(fd, ioas, buf, len, MOCK_APERTURE_START) ? 1 : 0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_OK(mock_domain(fd, ioas, &stdev, &hwpt, &idev));
	EXPECT_OK(access_rw(fd, access, MOCK_APERTURE_START + 3 * 4096 + 17, got, sizeof(got),
			    false));
	for (size_t i = 0; i < sizeof(got); i++)
		EXPECT_EQ(got[i], (unsigned char)((3 * 4096 + 17 + i) * 7));
	/* The child's pins are on the pages the parent maps too (one shared
	 * object): pinned once, for the IOAS's domains. */
	EXPECT_OK(check_refs(other, buf, len, 1));
	EXPECT_OK(close(access));
	EXPECT_OK(close(fd));
	EXPECT_OK(check_refs(other, buf, len, 0));
	close(other);
	munmap(buf, len);
}

/*
 * The same with the child's private memory: what it pinned outlives it
 * (taken as it exits), and the parent reads the child's data, not its own
 * copy of those addresses.
 */
TEST(Preload, ForkChildPrivatePinsOutliveIt)
{
	size_t len = 2 * 4096;
	unsigned char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/iommu", O_RDWR), status = -1, access;
	uint32_t ioas, stdev, hwpt, idev;
	unsigned char got[128];
	pid_t pid;

	ASSERT_NE(buf, MAP_FAILED);
	ASSERT_GE(fd, 0);
	memset(buf, 0xaa, len);
	ASSERT_OK(ioas_with_domain(fd, &ioas, &stdev, &hwpt, &idev));
	access = create_access(fd, ioas);
	ASSERT_GE(access, 0);
	fflush(NULL);           /* the child exits through exit(): no output twice */
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char)(i * 3 + 1);
		exit(ioas_map(fd, ioas, buf, len, MOCK_APERTURE_START) ? 1 : 0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_OK(mock_domain(fd, ioas, &stdev, &hwpt, &idev));
	EXPECT_OK(access_rw(fd, access, MOCK_APERTURE_START + 4096 - 64, got, sizeof(got),
			    false));
	for (size_t i = 0; i < sizeof(got); i++)
		EXPECT_EQ(got[i], (unsigned char)((4096 - 64 + i) * 3 + 1));
	EXPECT_EQ(buf[0], 0xaa);
	EXPECT_OK(close(access));
	EXPECT_OK(close(fd));
	munmap(buf, len);
}

static void fail_nth_path(char *buf, size_t len)
{
	snprintf(buf, len, "/proc/self/task/%d/fail-nth", gettid());
}

TEST(Preload, FailNthFailsTheNthSite)
{
	char path[64], text[16] = "";
	int fd, iommufd = open("/dev/iommu", O_RDWR);
	uint32_t id;
	unsigned long left;

	ASSERT_GE(iommufd, 0);
	fail_nth_path(path, sizeof(path));
	fd = open(path, O_RDWR | O_CLOEXEC);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(pread(fd, text, sizeof(text), 0), 2);
	EXPECT_STREQ(text, "0\n");

	/* The first site of the ioctl fails; the countdown reads 0 after. */
	ASSERT_EQ(pwrite(fd, "1", 1, 0), 1);
	EXPECT_EQ(ioas_alloc(iommufd, &id), -1);
	EXPECT_TRUE(errno == ENOMEM || errno == EFAULT);
	memset(text, 0, sizeof(text));
	EXPECT_EQ(pread(fd, text, sizeof(text), 0), 2);
	EXPECT_STREQ(text, "0\n");
	EXPECT_OK(ioas_alloc(iommufd, &id));

	/* Far beyond the sites an ioctl reaches: nothing fails, some counted. */
	ASSERT_EQ(pwrite(fd, "1000\n", 5, 0), 5);
	EXPECT_OK(ioas_alloc(iommufd, &id));
	memset(text, 0, sizeof(text));
	ASSERT_GT(pread(fd, text, sizeof(text), 0), 0);
	left = strtoul(text, NULL, 10);
	EXPECT_LT(left, 1000ul);
	EXPECT_GT(left, 0ul);
	/* Libc calls are no injection sites. */
	close(dup(0));
	memset(text, 0, sizeof(text));
	ASSERT_GT(read(fd, text, sizeof(text)), 0);
	EXPECT_EQ(strtoul(text, NULL, 10), left);
	EXPECT_EQ(read(fd, text, sizeof(text)), 0);     /* read() advances */

	EXPECT_ERRNO(pwrite(fd, "x1", 2, 0), EINVAL);
	EXPECT_ERRNO(pwrite(fd, "-1", 2, 0), EINVAL);
	ASSERT_EQ(pwrite(fd, "0", 1, 0), 1);
	EXPECT_OK(close(fd));
	close(iommufd);
}

static void *open_fail_nth(void *arg)
{
	return (void *)(long)open((const char *)arg, O_RDWR);
}

TEST(Preload, FailNthOfAnotherThreadIsRefused)
{
	char path[64];
	pthread_t t;
	void *ret;
	int fd;

	fail_nth_path(path, sizeof(path));
	/* The other thread names this thread's task: its countdown is not its own. */
	ASSERT_EQ(pthread_create(&t, NULL, open_fail_nth, path), 0);
	ASSERT_EQ(pthread_join(t, &ret), 0);
	EXPECT_EQ((long)ret, -1l);
	fd = open("/proc/thread-self/fail-nth", O_RDONLY);
	EXPECT_GE(fd, 0);
	close(fd);
}

/* /sys/kernel/debug lists the fault-injection knobs, then goes away. */
TEST(Preload, DebugfsListsFaultInjection)
{
	DIR *d = opendir("/sys/kernel/debug/");
	struct dirent *e;
	char link[64], where[PATH_MAX];
	unsigned int found = 0;
	ssize_t n;
	struct stat st;
	int fd;

	ASSERT_TRUE(d != NULL);
	while ((e = readdir(d))) {
		found += !strcmp(e->d_name, "failslab");
		found += !strcmp(e->d_name, "fail_page_alloc");
		found += !strcmp(e->d_name, "fail_usercopy");
	}
	EXPECT_EQ(found, 3u);
	fd = openat(dirfd(d), "failslab/ignore-gfp-wait", O_WRONLY);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(write(fd, "N", 1), 1);
	close(fd);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd(d));
	n = readlink(link, where, sizeof(where) - 1);
	ASSERT_GT(n, 0);
	where[n] = 0;
	EXPECT_OK(closedir(d));
	EXPECT_ERRNO(stat(where, &st), ENOENT);
}

TEST(Preload, VfioCdevBindsToIommufd)
{
	int iommufd = open("/dev/iommu", O_RDWR);
	int dev = open("/dev/vfio/devices/vfio0", O_RDWR);
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	uint32_t ioas;

	ASSERT_GE(iommufd, 0);
	ASSERT_GE(dev, 0);
	ASSERT_OK(ioas_alloc(iommufd, &ioas));
	bind.iommufd = iommufd;
	ASSERT_OK(ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, &bind));
	EXPECT_NE(bind.out_devid, 0u);
	attach.pt_id = ioas;
	ASSERT_OK(ioctl(dev, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach));
	/* The IOAS now backs an attached device: it cannot go. */
	EXPECT_ERRNO(destroy(iommufd, ioas), EBUSY);
	EXPECT_OK(close(dev));
	EXPECT_OK(destroy(iommufd, ioas));
	EXPECT_OK(close(iommufd));
}

/* Only libc's names come from the preload; the program keeps its own. */
TEST(Preload, ExportsOnlyLibcNames)
{
	int fd = open("/dev/iommu", O_RDWR);

	EXPECT_EQ(kmalloc(16, 1), (void *)0x1011UL);
	EXPECT_EQ(iommufd_fops_open(), 4242);
	EXPECT_TRUE(dlsym(RTLD_DEFAULT, "iommusim_open") == NULL);
	EXPECT_TRUE(dlsym(RTLD_DEFAULT, "shim_boot") == NULL);
	EXPECT_TRUE(dlsym(RTLD_DEFAULT, "iommu_attach_device") == NULL);
	/* ...and the kernel's kmalloc still serves /dev/iommu. */
	EXPECT_GE(fd, 0);
	close(fd);
}

/* Runs preload_probe with extra environment; its exit status and stderr. */
static int probe(const char *env1, const char *env2, const char *path, char *err, size_t errlen)
{
	char *argv[] = { (char *)PRELOAD_PROBE, (char *)path, NULL, NULL };
	char *envp[64];
	int n = 0, pipefd[2], status;
	posix_spawn_file_actions_t fa;
	ssize_t got, total = 0;
	pid_t pid;

	for (char **e = environ; *e && n < 60; e++)
		if (strncmp(*e, "IOMMUSIM_", 9))
			envp[n++] = *e;
	if (env1)
		envp[n++] = (char *)env1;
	if (env2 && !strcmp(env2, "vmm"))
		argv[2] = (char *)env2;         /* not environment: the probe's mode */
	else if (env2)
		envp[n++] = (char *)env2;
	envp[n] = NULL;
	if (pipe(pipefd))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	if (posix_spawn(&pid, PRELOAD_PROBE, &fa, NULL, argv, envp))
		return -1;
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while (total + 1 < (ssize_t)errlen &&
	       (got = read(pipefd[0], err + total, errlen - 1 - total)) > 0)
		total += got;
	err[total] = 0;
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(Preload, EnvironmentConfiguresAndBadValuesAreReported)
{
	char err[1024];

	ASSERT_TRUE(getenv("LD_PRELOAD") != NULL);
	EXPECT_EQ(probe(NULL, NULL, "/dev/iommu", err, sizeof(err)), 0);
	/* Three mock devices: vfio2 is served, vfio3 is not (the host's). */
	EXPECT_EQ(probe("IOMMUSIM_MOCK_DEVICES=3", NULL, "/dev/vfio/devices/vfio2",
			err, sizeof(err)), 0);
	EXPECT_EQ(probe("IOMMUSIM_MOCK_DEVICES=3", NULL, "/dev/vfio/devices/vfio3",
			err, sizeof(err)), ENOENT);
	EXPECT_EQ(probe("IOMMUSIM_MOCK_DEVICES=0", NULL, "/dev/vfio/devices/vfio0",
			err, sizeof(err)), ENOENT);

	EXPECT_EQ(probe("IOMMUSIM_MOCK_DEVICES=lots", NULL, "/dev/iommu",
			err, sizeof(err)), EINVAL);
	EXPECT_TRUE(strstr(err, "IOMMUSIM_MOCK_DEVICES=\"lots\"") != NULL);
	EXPECT_EQ(probe("IOMMUSIM_MOCK_DEVICES=65", NULL, "/dev/iommu",
			err, sizeof(err)), EINVAL);
	EXPECT_EQ(probe("IOMMUSIM_SEED=-3", NULL, "/dev/iommu", err, sizeof(err)), EINVAL);
	EXPECT_TRUE(strstr(err, "IOMMUSIM_SEED") != NULL);
	EXPECT_EQ(probe("IOMMUSIM_HW=nosuch", NULL, "/dev/iommu", err, sizeof(err)), ENOENT);
	EXPECT_TRUE(strstr(err, "no such driver") != NULL);
	EXPECT_EQ(probe("IOMMUSIM_HW=vtd:driver=simsmmu", NULL, "/dev/iommu",
			err, sizeof(err)), ENOENT);
	EXPECT_TRUE(strstr(err, "no such driver") != NULL);
	EXPECT_EQ(probe("IOMMUSIM_HW=vtd:devices=two", NULL, "/dev/iommu",
			err, sizeof(err)), EINVAL);
	EXPECT_TRUE(strstr(err, "devices") != NULL);
	EXPECT_EQ(probe("IOMMUSIM_HW=vtd:preset=nosuch", NULL, "/dev/iommu",
			err, sizeof(err)), EINVAL);
	/* Fault injection off: fail-nth is the host's (absent here or not). */
	EXPECT_EQ(probe("IOMMUSIM_PRELOAD_VERBOSE=1", NULL, "/dev/iommu", err, sizeof(err)), 0);
	/* It names the kernel source compiled, as configure recorded it. */
	EXPECT_TRUE(strstr(err, "Linux " IOMMUSIM_KERNEL_VERSION " iommufd booted "
			   "(Kconfig profile host)") != NULL);
}

/*
 * The simulated IOMMU hardware named in IOMMUSIM_HW sits behind its own
 * driver (VT-d: Linux's Intel driver by default), and a VMM's bind /
 * attach / map sequence on its devices runs unchanged. With hardware
 * there are no mock devices unless asked for: beside the Intel driver
 * they cannot probe (the iommu core offers fwspec-less devices to the
 * first fwnode-less IOMMU registered, the Intel unit at boot).
 */
TEST(Preload, HardwareModelsFromTheEnvironment)
{
	const char *hw = "IOMMUSIM_HW=vtd:devices=2:pasid=20,smmuv3:devices=1:preset=s1only";
	char err[1024];

	/* vtd gives vfio0, vfio1; smmuv3 vfio2. */
	EXPECT_EQ(probe(hw, "vmm", "/dev/vfio/devices/vfio0", err, sizeof(err)), 0);
	EXPECT_EQ(probe(hw, "vmm", "/dev/vfio/devices/vfio1", err, sizeof(err)), 0);
	EXPECT_EQ(probe(hw, "vmm", "/dev/vfio/devices/vfio2", err, sizeof(err)), 0);
	EXPECT_EQ(probe(hw, NULL, "/dev/vfio/devices/vfio3", err, sizeof(err)), ENOENT);
	/*
	 * Two VT-d units under Linux's driver: both in the machine it boots
	 * with (one DMAR table), none hot-added, which 6.12 would refuse.
	 */
	hw = "IOMMUSIM_HW=vtd:devices=1,vtd:devices=1:sid=0x200";
	EXPECT_EQ(probe(hw, "vmm", "/dev/vfio/devices/vfio0", err, sizeof(err)), 0);
	EXPECT_EQ(probe(hw, "vmm", "/dev/vfio/devices/vfio1", err, sizeof(err)), 0);
	EXPECT_EQ(probe(hw, NULL, "/dev/vfio/devices/vfio2", err, sizeof(err)), ENOENT);
	/* The driver named: simvtd. */
	EXPECT_EQ(probe("IOMMUSIM_HW=vtd:driver=simvtd", "vmm", "/dev/vfio/devices/vfio0",
			err, sizeof(err)), 0);
	EXPECT_EQ(probe("IOMMUSIM_HW=smmuv3", "vmm", "/dev/vfio/devices/vfio0",
			err, sizeof(err)), 0);
	/* The mock device too, with a seed given. */
	EXPECT_EQ(probe("IOMMUSIM_SEED=0x1234", "vmm", "/dev/vfio/devices/vfio0",
			err, sizeof(err)), 0);
}

/*
 * Fd numbers past the preload's lock-free table (4096) are still routed:
 * the kernel's own fd table answers for them.
 */
TEST(Preload, HighFdNumbersAreServed)
{
	struct rlimit old, rl;
	int fd = open("/dev/iommu", O_RDWR), high, high2;
	uint32_t id;

	ASSERT_GE(fd, 0);
	ASSERT_OK(getrlimit(RLIMIT_NOFILE, &old));
	rl = old;
	if (rl.rlim_cur < 4200)
		rl.rlim_cur = 4200;
	if (rl.rlim_max < 4200)
		rl.rlim_max = 4200;     /* root (CAP_SYS_RESOURCE) may raise it */
	ASSERT_OK(setrlimit(RLIMIT_NOFILE, &rl));

	high = dup2(fd, 4100);
	ASSERT_EQ(high, 4100);
	high2 = fcntl(fd, F_DUPFD, 4101);
	ASSERT_GE(high2, 4101);
	EXPECT_OK(close(fd));
	EXPECT_OK(ioas_alloc(high, &id));
	EXPECT_OK(destroy(high2, id));
	EXPECT_OK(close(high));
	EXPECT_ERRNO(ioctl(high, IOMMU_IOAS_ALLOC, NULL), EBADF);
	EXPECT_OK(ioas_alloc(high2, &id));
	EXPECT_OK(close(high2));
	EXPECT_ERRNO(close(high2), EBADF);
	EXPECT_OK(setrlimit(RLIMIT_NOFILE, &old));
}

struct worker {
	int fd;
	unsigned int done;
};

static void *ioas_churn(void *arg)
{
	struct worker *w = arg;

	for (unsigned int i = 0; i < 200; i++) {
		uint32_t id;

		if (ioas_alloc(w->fd, &id) || destroy(w->fd, id))
			break;
		w->done++;
	}
	return NULL;
}

/* Threads entering the kernel at once: each entry runs whole (one lock). */
TEST(Preload, ThreadsShareTheKernel)
{
	struct worker w[4];
	pthread_t t[4];
	uint32_t id;

	for (int i = 0; i < 4; i++) {
		/* Two threads per iommufd: objects of one file raced for. */
		w[i].fd = i % 2 ? w[i - 1].fd : open("/dev/iommu", O_RDWR);
		w[i].done = 0;
		ASSERT_GE(w[i].fd, 0);
	}
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, ioas_churn, &w[i]), 0);
	for (int i = 0; i < 4; i++) {
		ASSERT_EQ(pthread_join(t[i], NULL), 0);
		EXPECT_EQ(w[i].done, 200u);
	}
	/* Every IOAS was destroyed: the next id is the first free one again. */
	ASSERT_OK(ioas_alloc(w[0].fd, &id));
	EXPECT_OK(destroy(w[0].fd, id));
	close(w[0].fd);
	close(w[2].fd);
}
