/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_FILES_H
#define SHIM_FILES_H

struct file;
struct file_operations;

/*
 * A process's fd table (one per task). The first task's is static; a
 * fork()ed child's is a copy holding its own reference on each file.
 * Releasing a table drops those references (the fds themselves belong
 * to the process that held them, which has exited).
 */
struct shim_files;
extern struct shim_files shim_init_files;
struct shim_files *shim_files_new(void);
struct shim_files *shim_files_dup(const struct shim_files *src);
void shim_files_release(struct shim_files *files);

struct file *shim_file_lookup(int fd);
int shim_fd_close(int fd);
int shim_fd_dup(int oldfd, int newfd);
int shim_fd_forget(int fd);
int shim_open_fops(const char *name, const struct file_operations *fops,
		   void *priv, int flags);
void shim_files_sync_poll(void);

#endif
