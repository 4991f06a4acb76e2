#include "cresolv.h"

#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <string.h>

// Appends `text` (length `length`) and a newline to `out` if it fits.
static int append_line(char *out, size_t out_length, size_t *used, const char *text, size_t length) {
    if (*used + length + 2 > out_length) return 0;
    memcpy(out + *used, text, length);
    *used += length;
    out[(*used)++] = '\n';
    out[*used] = '\0';
    return 1;
}

int cresolv_query(const char *name, int type, char *out, size_t out_length) {
    unsigned char answer[8192];
    struct __res_state state;
    if (out_length == 0) return CRESOLV_FAILED;
    out[0] = '\0';
    memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0) return CRESOLV_FAILED;
    int length = res_nquery(&state, name, ns_c_in, type, answer, sizeof answer);
    int error = state.res_h_errno;
    res_nclose(&state);
    if (length < 0) {
        if (error == HOST_NOT_FOUND) return CRESOLV_NXDOMAIN;
        if (error == NO_DATA) return 0;
        return CRESOLV_FAILED;
    }
    if (length > (int)sizeof answer) length = (int)sizeof answer;
    return cresolv_parse(answer, length, type, out, out_length);
}

int cresolv_parse(const unsigned char *answer, int length, int type, char *out, size_t out_length) {
    if (out_length == 0) return CRESOLV_FAILED;
    out[0] = '\0';
    ns_msg message;
    if (ns_initparse(answer, length, &message) < 0) return CRESOLV_FAILED;
    int count = ns_msg_count(message, ns_s_an);
    size_t used = 0;
    int written = 0;
    for (int index = 0; index < count; index++) {
        ns_rr record;
        if (ns_parserr(&message, ns_s_an, index, &record) < 0) continue;
        if ((int)ns_rr_type(record) != type) continue;
        char text[NS_MAXDNAME + 1];
        size_t text_length = 0;
        if (type == ns_t_cname) {
            if (dn_expand(ns_msg_base(message), ns_msg_end(message), ns_rr_rdata(record), text, sizeof text) < 0) continue;
            text_length = strlen(text);
        } else if (type == ns_t_txt) {
            // Character-strings: a length byte, then that many bytes; joined without separators.
            const unsigned char *data = ns_rr_rdata(record);
            const unsigned char *end = data + ns_rr_rdlen(record);
            while (data < end) {
                size_t piece = *data++;
                if (piece > (size_t)(end - data) || text_length + piece >= sizeof text) break;
                memcpy(text + text_length, data, piece);
                text_length += piece;
                data += piece;
            }
        } else {
            continue;
        }
        if (!append_line(out, out_length, &used, text, text_length)) break;
        written++;
    }
    return written;
}
