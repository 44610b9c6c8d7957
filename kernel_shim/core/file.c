// SPDX-License-Identifier: GPL-2.0-only
/*
 * Files and file descriptors. A kernel file gets a real host fd (an
 * eventfd) so user space can close, dup and poll it; this table maps
 * those fd numbers to struct file. The fd's readiness mirrors the file's
 * poll state after every kernel entry (shim_files_sync_poll).
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/miscdevice.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <shim/files.h>

struct shim_files {
	struct file **fds;      /* indexed by fd number */
	unsigned int size;
};

struct shim_files shim_init_files;
static LIST_HEAD(misc_list);

/* The calling process's table. */
static struct shim_files *files(void)
{
	return current->files;
}

static int fd_table_grow(struct shim_files *ft, unsigned int fd)
{
	unsigned int n = ft->size ? ft->size : 64;
	struct file **t;

	while (n <= fd)
		n *= 2;
	t = host_realloc(ft->fds, n * sizeof(*t));
	if (!t)
		return -ENOMEM;
	memset(t + ft->size, 0, (n - ft->size) * sizeof(*t));
	ft->fds = t;
	ft->size = n;
	return 0;
}

struct shim_files *shim_files_new(void)
{
	return kzalloc(sizeof(struct shim_files), GFP_KERNEL | __GFP_NOFAIL);
}

/* fork()'s copy: the same files under the same numbers, a reference each. */
struct shim_files *shim_files_dup(const struct shim_files *src)
{
	struct shim_files *ft = shim_files_new();

	if (!ft)
		return NULL;
	if (src->size && fd_table_grow(ft, src->size - 1)) {
		kfree(ft);
		return NULL;
	}
	for (unsigned int fd = 0; fd < src->size; fd++)
		if (src->fds[fd])
			ft->fds[fd] = get_file(src->fds[fd]);
	return ft;
}

void shim_files_release(struct shim_files *ft)
{
	for (unsigned int fd = 0; fd < ft->size; fd++) {
		struct file *f = ft->fds[fd];

		if (f) {
			ft->fds[fd] = NULL;
			fput(f);
		}
	}
	host_free(ft->fds);
	ft->fds = NULL;
	ft->size = 0;
	if (ft != &shim_init_files)
		kfree(ft);
}

struct file *shim_file_lookup(int fd)
{
	struct shim_files *ft = files();

	if (fd < 0 || (unsigned int)fd >= ft->size)
		return NULL;
	return ft->fds[fd];
}

struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

static void file_release(struct file *f)
{
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	kfree(f);
}

void fput(struct file *f)
{
	if (atomic_long_dec_and_test(&f->f_count))
		file_release(f);
}

void __fput_sync(struct file *f)
{
	fput(f);
}

struct file *fget(unsigned int fd)
{
	struct file *f = shim_file_lookup(fd);

	return f ? get_file(f) : NULL;
}

int get_unused_fd_flags(unsigned int flags)
{
	struct shim_files *ft = files();
	int fd = host_fd_alloc();

	if (fd < 0)
		return -EMFILE;
	if ((unsigned int)fd >= ft->size && fd_table_grow(ft, fd)) {
		host_fd_free(fd);
		return -ENOMEM;
	}
	return fd;
}

void put_unused_fd(unsigned int fd)
{
	struct shim_files *ft = files();

	if (fd < ft->size && !ft->fds[fd])
		host_fd_free(fd);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct shim_files *ft = files();

	WARN_ON(fd >= ft->size || ft->fds[fd]);
	file->host_fd = fd;
	ft->fds[fd] = file;
}

/* close(2): drop the table's reference; the host fd goes with it. */
int shim_fd_close(int fd)
{
	struct file *f = shim_file_lookup(fd);

	if (!f)
		return -EBADF;
	files()->fds[fd] = NULL;
	host_fd_free(fd);
	f->host_fd = -1;
	fput(f);
	return 0;
}

/*
 * The host fd number fd now names something else (dup2/dup3 over it, done
 * by the caller): the file loses this reference, the host fd stays open.
 */
int shim_fd_forget(int fd)
{
	struct file *f = shim_file_lookup(fd);

	if (!f)
		return -EBADF;
	files()->fds[fd] = NULL;
	if (f->host_fd == fd)
		f->host_fd = -1;
	fput(f);
	return 0;
}

/*
 * dup(2) and friends: newfd, a host fd the caller already duplicated from
 * oldfd's, becomes a second fd number for the same file. If newfd named
 * another kernel file before (dup2 over it), that file loses it, as
 * do_dup2() closes the old file; the host fd itself is already replaced.
 */
int shim_fd_dup(int oldfd, int newfd)
{
	struct shim_files *ft = files();
	struct file *f = shim_file_lookup(oldfd);

	if (!f)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	if ((unsigned int)newfd >= ft->size && fd_table_grow(ft, newfd))
		return -ENOMEM;
	if (ft->fds[newfd])
		shim_fd_forget(newfd);
	ft->fds[newfd] = get_file(f);
	return newfd;
}

static struct file *file_alloc(const char *name, const struct file_operations *fops,
			       void *priv, int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_op = fops;
	f->private_data = priv;
	f->f_flags = flags;
	f->f_mode = ((flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
		    ((flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
	f->f_inode = &f->inode_storage;
	f->host_fd = -1;
	f->poll_mirrored = -1;
	f->name = name;
	atomic_long_set(&f->f_count, 1);
	return f;
}

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	return file_alloc(name, fops, priv, flags);
}

int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags)
{
	struct file *f;
	int fd = get_unused_fd_flags(flags);

	if (fd < 0)
		return fd;
	f = file_alloc(name, fops, priv, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

int misc_register(struct miscdevice *misc)
{
	list_add_tail(&misc->list, &misc_list);
	return 0;
}

void misc_deregister(struct miscdevice *misc)
{
	list_del(&misc->list);
}

struct miscdevice *shim_misc_find(const char *name)
{
	struct miscdevice *m;

	list_for_each_entry(m, &misc_list, list)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

/* open(2) of a character device: a new file, f_op->open, an fd. */
int shim_open_fops(const char *name, const struct file_operations *fops,
		   void *priv, int flags)
{
	struct file *f;
	int fd, rc;

	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		return fd;
	f = file_alloc(name, fops, priv, flags | O_RDWR);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	if (fops->open) {
		rc = fops->open(f->f_inode, f);
		if (rc) {
			kfree(f);
			put_unused_fd(fd);
			return rc;
		}
	}
	fd_install(fd, f);
	return fd;
}

void shim_files_sync_poll(void)
{
	struct shim_files *ft = files();

	for (unsigned int fd = 0; fd < ft->size; fd++) {
		struct file *f = ft->fds[fd];

		int ready;

		if (!f || !f->f_op || !f->f_op->poll)
			continue;
		/* dup'ed numbers share one eventfd: one update serves them all. */
		ready = !!(f->f_op->poll(f, NULL) & EPOLLIN);
		if (ready != f->poll_mirrored) {
			host_fd_set_readable(fd, ready);
			f->poll_mirrored = ready;
		}
	}
}
