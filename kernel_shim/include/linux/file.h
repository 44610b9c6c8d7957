/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_FILE_H
#define _SHIM_LINUX_FILE_H

#include <linux/fs.h>

struct fd {
	struct file *file;
};

static inline struct fd fdget(unsigned int fd)
{
	return (struct fd){ fget(fd) };
}

static inline void fdput(struct fd f)
{
	if (f.file)
		fput(f.file);
}

#define fd_file(f) ((f).file)
#define fd_empty(f) (!(f).file)

#endif
