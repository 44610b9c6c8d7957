/* SPDX-License-Identifier: GPL-2.0-only */
/* Host-side state shared between the host/ files and the front door. */
#ifndef SHIM_HOST_STATE_H
#define SHIM_HOST_STATE_H

unsigned int host_warn_count(void);
void host_set_log_level(int level);
void host_set_privileged(int on);
/* Tear down host-side state (pages, pmem) at shutdown; for leak checking. */
void host_pages_shutdown(void);
void host_user_pages_shutdown(void);

/* Reset the big kernel lock in a fork()ed child. */
void host_bkl_after_fork(void);
/* Kernel fd numbers as they come and go (front door observers). */
void host_fd_set_observer(void (*observer)(int fd, int live));
void host_fd_note(int fd, int live);

#endif
