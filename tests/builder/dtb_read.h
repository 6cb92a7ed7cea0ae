/*
 * dtb_read: a strict reader of flattened device trees for the tests, which
 * must check the builder's tree in builds without libfdt too.  It renders a
 * blob as canonical text, one line per reserve entry and per property:
 *   "rsv <addr> <size>"  and  "<path> <prop> <hex bytes>"
 * so two trees can be compared with strcmp and single values looked up.
 */
#ifndef DTB_READ_H
#define DTB_READ_H

#include <stddef.h>
#include <stdint.h>

/* Render blob[0..size) into a new string (free() it); NULL if the blob is invalid. */
char *dtb_dump(const void *blob, size_t size);

/*
 * Find property `prop` of node `path` ("/" for the root); returns a pointer
 * into the blob and sets *len, or NULL.
 */
const uint8_t *dtb_prop(const void *blob, size_t size, const char *path,
                        const char *prop, uint32_t *len);

#endif /* DTB_READ_H */
