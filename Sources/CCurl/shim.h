// libcurl for Swift, loaded at run time.
//
// libcurl is opened with dlopen the first time a transfer is made, not linked: its dependency tree
// (OpenSSL, GnuTLS, Kerberos, LDAP, nghttp2, …) costs every process about 10 ms to load, and most
// tidings commands (parse, dump, list, clean) never fetch. The entry points Tidings uses live in
// one table; curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call, so these
// typed one-line wrappers are the only way the Fetch module talks to libcurl.
#ifndef TIDINGS_CCURL_SHIM_H
#define TIDINGS_CCURL_SHIM_H
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>

typedef size_t (*tidings_curl_write_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*tidings_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now,
                                              curl_off_t upload_total, curl_off_t upload_now);

typedef struct tidings_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
} tidings_curl_api;

/// Opens libcurl and fills `api`. Returns 0, or -1 with the reason in `error`.
static inline int tidings_curl_load(tidings_curl_api *api, char *error, size_t error_size) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, error_size, "cannot load libcurl: %s", dlerror());
        return -1;
    }
#define TIDINGS_CURL_SYMBOL(field, name)                                              \
    api->field = (__typeof__(api->field))dlsym(library, name);                        \
    if (api->field == NULL) {                                                         \
        snprintf(error, error_size, "libcurl has no %s: %s", name, dlerror());        \
        return -1;                                                                    \
    }
    TIDINGS_CURL_SYMBOL(global_init, "curl_global_init")
    TIDINGS_CURL_SYMBOL(easy_init, "curl_easy_init")
    TIDINGS_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
    TIDINGS_CURL_SYMBOL(easy_perform, "curl_easy_perform")
    TIDINGS_CURL_SYMBOL(easy_strerror, "curl_easy_strerror")
    TIDINGS_CURL_SYMBOL(slist_append, "curl_slist_append")
    TIDINGS_CURL_SYMBOL(slist_free_all, "curl_slist_free_all")
    TIDINGS_CURL_SYMBOL(easy_setopt, "curl_easy_setopt")
    TIDINGS_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
#undef TIDINGS_CURL_SYMBOL
    return 0;
}

static inline CURLcode tidings_curl_global_init(const tidings_curl_api *api, long flags) { return api->global_init(flags); }
static inline CURL *tidings_curl_easy_init(const tidings_curl_api *api) { return api->easy_init(); }
static inline void tidings_curl_easy_cleanup(const tidings_curl_api *api, CURL *handle) { api->easy_cleanup(handle); }
static inline CURLcode tidings_curl_easy_perform(const tidings_curl_api *api, CURL *handle) { return api->easy_perform(handle); }
static inline const char *tidings_curl_easy_strerror(const tidings_curl_api *api, CURLcode code) { return api->easy_strerror(code); }
static inline struct curl_slist *tidings_curl_slist_append(const tidings_curl_api *api, struct curl_slist *list, const char *string) {
    return api->slist_append(list, string);
}
static inline void tidings_curl_slist_free_all(const tidings_curl_api *api, struct curl_slist *list) { api->slist_free_all(list); }

static inline CURLcode tidings_curl_setopt_long(const tidings_curl_api *api, CURL *handle, CURLoption option, long value) {
    return api->easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_string(const tidings_curl_api *api, CURL *handle, CURLoption option, const char *value) {
    return api->easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_pointer(const tidings_curl_api *api, CURL *handle, CURLoption option, void *value) {
    return api->easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_off_t(const tidings_curl_api *api, CURL *handle, CURLoption option, curl_off_t value) {
    return api->easy_setopt(handle, option, value);
}
static inline CURLcode tidings_curl_setopt_write_callback(const tidings_curl_api *api, CURL *handle, CURLoption option,
                                                          tidings_curl_write_callback callback) {
    return api->easy_setopt(handle, option, callback);
}
static inline CURLcode tidings_curl_setopt_progress_callback(const tidings_curl_api *api, CURL *handle,
                                                             tidings_curl_progress_callback callback) {
    return api->easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}
static inline CURLcode tidings_curl_getinfo_long(const tidings_curl_api *api, CURL *handle, CURLINFO info, long *value) {
    return api->easy_getinfo(handle, info, value);
}
static inline CURLcode tidings_curl_getinfo_string(const tidings_curl_api *api, CURL *handle, CURLINFO info, char **value) {
    return api->easy_getinfo(handle, info, value);
}
#endif
