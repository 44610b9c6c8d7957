/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_FILES_H
#define SHIM_FILES_H

struct file;
struct file_operations;

struct file *shim_file_lookup(int fd);
int shim_fd_close(int fd);
int shim_fd_dup(int oldfd, int newfd);
int shim_fd_forget(int fd);
int shim_open_fops(const char *name, const struct file_operations *fops,
		   void *priv, int flags);
void shim_files_sync_poll(void);

#endif
