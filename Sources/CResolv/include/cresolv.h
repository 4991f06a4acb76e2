#ifndef CRESOLV_H
#define CRESOLV_H

#include <stddef.h>

// Outcomes of cresolv_query besides a count of records (>= 0).
#define CRESOLV_NXDOMAIN (-1)
#define CRESOLV_FAILED (-2)

// Looks up `name` for records of `type` (5 CNAME, 16 TXT) through the system resolver
// (/etc/resolv.conf), with a private resolver state so calls on several threads do not meet.
// Writes each record's data into `out` as one line (a CNAME's target without the final dot;
// a TXT record's strings joined), NUL-terminated, and returns how many records it wrote;
// CRESOLV_NXDOMAIN when the name does not exist, CRESOLV_FAILED when the lookup failed.
int cresolv_query(const char *name, int type, char *out, size_t out_length);

// The records of `type` in the answer section of a DNS response (`answer`, `length` bytes),
// written as cresolv_query writes them; CRESOLV_FAILED when the message cannot be parsed.
int cresolv_parse(const unsigned char *answer, int length, int type, char *out, size_t out_length);

#endif
