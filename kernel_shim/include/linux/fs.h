/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_FS_H
#define _SHIM_LINUX_FS_H

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_NONBLOCK 00004000
#define O_CLOEXEC 02000000
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2

struct file;
struct inode {
	unsigned long i_ino;
	void *i_private;
};
struct poll_table_struct;
struct vm_area_struct;
struct module;

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

struct file {
	const struct file_operations *f_op;
	void *private_data;
	atomic_long_t f_count;
	fmode_t f_mode;
	unsigned int f_flags;
	struct inode *f_inode;
	struct inode inode_storage;
	int host_fd;            /* the real fd number user space holds, or -1 */
	int poll_mirrored;      /* readiness last given to the host fd; -1: none */
	const char *name;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

struct file *get_file(struct file *f);
void fput(struct file *f);
void __fput_sync(struct file *f);
struct file *fget(unsigned int fd);
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
static inline loff_t no_llseek(struct file *f, loff_t o, int w) { return -ESPIPE; }
static inline int nonseekable_open(struct inode *i, struct file *f) { return 0; }
#define stream_open nonseekable_open

#endif
