// libcurl for Swift. curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
// these typed one-line wrappers are the only way the Fetch module talks to them.
#ifndef TIDINGS_CCURL_SHIM_H
#define TIDINGS_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*tidings_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode tidings_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_write_callback(CURL *handle, CURLoption option,
                                                          tidings_curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}
static inline CURLcode tidings_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode tidings_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
