#include "cpublicsuffix.h"
#include <idn2.h>
#include <libpsl.h>
#include <stdlib.h>
#include <pthread.h>

int cps_to_ascii(const char *input, char **out) {
    *out = NULL;
    return idn2_to_ascii_8z(input, out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
}

int cps_to_unicode(const char *input, char **out) {
    *out = NULL;
    return idn2_to_unicode_8z8z(input, out, 0);
}

const char *cps_idn_error(int code) { return idn2_strerror(code); }

static const psl_ctx_t *shared_psl = NULL;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

// psl_latest picks the newest of the built-in list and Debian's
// /usr/share/publicsuffix file; the context is immutable and thread-safe.
static void load_psl(void) { shared_psl = psl_latest(NULL); }

int cps_is_icann_suffix(const char *domain) {
    pthread_once(&psl_once, load_psl);
    if (shared_psl == NULL) return 0;
    return psl_is_public_suffix2(shared_psl, domain, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE);
}

void cps_free(char *p) { free(p); }
