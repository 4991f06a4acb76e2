#ifndef CPUBLICSUFFIX_H
#define CPUBLICSUFFIX_H
// A small shim over Debian's libidn2 (IDNA2008 A-label/U-label conversion)
// and libpsl (the Public Suffix List), so Swift never sees their headers.

// Converts a UTF-8 domain name to its lower-case ASCII (A-label) form.
// Returns 0 on success and writes a malloc'ed string to *out (free with cps_free);
// otherwise returns the libidn2 error code and *out is NULL.
int cps_to_ascii(const char *input, char **out);

// Converts an ASCII (A-label) domain to UTF-8 (U-label) form. Same contract.
int cps_to_unicode(const char *input, char **out);

// A human-readable text for a libidn2 error code.
const char *cps_idn_error(int code);

// 1 when `domain` (lower-case A-label form) is a public suffix in the ICANN
// section of the list, explicit rules only (no implicit "*" rule). 0 otherwise.
int cps_is_icann_suffix(const char *domain);

void cps_free(char *p);
#endif
