/* Helpers shared by save and restore: fd I/O and the vcpu context codec. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "xg_save.h"

int xg_fd_write(void *ctx, const void *p, size_t n)
{
	int fd = *(const int *)ctx;
	const uint8_t *s = p;

	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int xg_fd_writev(void *ctx, struct iovec *iov, int n)
{
	int fd = *(const int *)ctx;

	while (n > 0) {
		ssize_t w = writev(fd, iov, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		/* A short write: drop the pieces done, trim the one cut. */
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (uint8_t *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

long xg_fd_read(void *ctx, void *p, size_t n)
{
	int fd = *(const int *)ctx;
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : (long)r;
}

void xg_enc_vcpu_ctx(uint8_t out[XG_VCPU_CTX_BYTES], const xc_vcpu_context_t *c)
{
	struct vcpu_guest_context v;
	struct cpu_user_regs *r = &v.user_regs;
	unsigned i;

	memset(&v, 0, sizeof(v));
	for (i = 0; i < 32; i++)
		r->gprs[i] = be64_mk(c->gprs[i]);
	r->lr = be64_mk(c->lr);
	r->ctr = be64_mk(c->ctr);
	r->srr0 = be64_mk(c->srr0);
	r->srr1 = be64_mk(c->srr1);
	r->pc = be64_mk(c->pc);
	r->msr = be64_mk(c->msr);
	r->fpscr = be64_mk(c->fpscr);
	r->xer = be64_mk(c->xer);
	r->hid4 = be64_mk(c->hid4);
	r->dar = be64_mk(c->dar);
	r->dsisr = be32_mk(c->dsisr);
	r->cr = be32_mk(c->cr);
	r->entry_vector = be32_mk(c->entry_vector);
	v.sdr1 = be64_mk(c->sdr1);
	memcpy(out, &v, XG_VCPU_CTX_BYTES);
}

void xg_dec_vcpu_ctx(xc_vcpu_context_t *c, const uint8_t in[XG_VCPU_CTX_BYTES])
{
	struct vcpu_guest_context v;
	const struct cpu_user_regs *r = &v.user_regs;
	unsigned i;

	memcpy(&v, in, XG_VCPU_CTX_BYTES);
	memset(c, 0, sizeof(*c));
	for (i = 0; i < 32; i++)
		c->gprs[i] = be64_get(r->gprs[i]);
	c->lr = be64_get(r->lr);
	c->ctr = be64_get(r->ctr);
	c->srr0 = be64_get(r->srr0);
	c->srr1 = be64_get(r->srr1);
	c->pc = be64_get(r->pc);
	c->msr = be64_get(r->msr);
	c->fpscr = be64_get(r->fpscr);
	c->xer = be64_get(r->xer);
	c->hid4 = be64_get(r->hid4);
	c->dar = be64_get(r->dar);
	c->dsisr = be32_get(r->dsisr);
	c->cr = be32_get(r->cr);
	c->entry_vector = be32_get(r->entry_vector);
	c->sdr1 = be64_get(v.sdr1);
}
