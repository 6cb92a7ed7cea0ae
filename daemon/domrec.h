/*
 * A domain record: what the daemon persists for one domain it manages,
 * its config plus the daemon's own state.  One file per record in the
 * state directory (store.h); the XML schema is in PROTOCOL.md.
 */
#ifndef XMCTLD_DOMREC_H
#define XMCTLD_DOMREC_H

#include <stdbool.h>
#include <stdint.h>

#include "domconfig.h"
#include "protocol.h"

/*
 * An operation the daemon had started when it last wrote the record.
 * Operations that span several hypercalls and cannot be made atomic in the
 * hypervisor are written here first, so that a daemon killed half-way
 * finishes them at its next start.
 */
enum domrec_pending {
	DOMREC_PENDING_NONE = 0,
	DOMREC_PENDING_RESTART,          /* destroy domid, then start again */
	DOMREC_PENDING_RENAME_RESTART,   /* rename domid aside, then start */
	DOMREC_PENDING_SAVE,             /* saving domid to path */
};

struct domrec {
	struct domconfig cfg;            /* cfg.has_uuid is always true */
	bool persistent;                 /* defined (xm new); else running-only */
	enum domrec_pending pending;
	uint32_t pending_domid;          /* the domain the operation acts on */
	uint8_t pending_uuid[16];        /* rename-restart: its new uuid */
	bool pending_paused;             /* save: was paused before */
	char pending_path[XMCTLD_MAX_PATH + 1];  /* save: the image */
};

/* Text forms of the pending operations ("restart", ...); NULL if none. */
const char *domrec_pending_name(enum domrec_pending p);

/*
 * Serialize a record to an XML document (malloc'd, *len bytes, freed with
 * free()).  Returns NULL when out of memory.
 */
char *domrec_to_xml(const struct domrec *r, size_t *len);
/*
 * Parse an XML document.  Returns 0, or -1 with a one-line reason in why
 * (why_len bytes).  The config goes through the same validation as a
 * JSON-RPC config, so a hand-edited file cannot smuggle in bad values.
 */
int domrec_from_xml(const char *doc, size_t len, struct domrec *r, char *why, size_t why_len);

#endif /* XMCTLD_DOMREC_H */
