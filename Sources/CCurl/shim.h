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
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *multi);
    CURLMcode (*multi_add_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_perform)(CURLM *multi, int *running);
    CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd *extra, unsigned int extra_count, int timeout_ms, int *ready);
    CURLMsg *(*multi_info_read)(CURLM *multi, int *queued);
    CURLMcode (*multi_setopt)(CURLM *multi, CURLMoption option, ...);
    const char *(*multi_strerror)(CURLMcode code);
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
    TIDINGS_CURL_SYMBOL(multi_init, "curl_multi_init")
    TIDINGS_CURL_SYMBOL(multi_cleanup, "curl_multi_cleanup")
    TIDINGS_CURL_SYMBOL(multi_add_handle, "curl_multi_add_handle")
    TIDINGS_CURL_SYMBOL(multi_remove_handle, "curl_multi_remove_handle")
    TIDINGS_CURL_SYMBOL(multi_perform, "curl_multi_perform")
    TIDINGS_CURL_SYMBOL(multi_poll, "curl_multi_poll")
    TIDINGS_CURL_SYMBOL(multi_info_read, "curl_multi_info_read")
    TIDINGS_CURL_SYMBOL(multi_setopt, "curl_multi_setopt")
    TIDINGS_CURL_SYMBOL(multi_strerror, "curl_multi_strerror")
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

static inline CURLM *tidings_curl_multi_init(const tidings_curl_api *api) { return api->multi_init(); }
static inline CURLMcode tidings_curl_multi_cleanup(const tidings_curl_api *api, CURLM *multi) { return api->multi_cleanup(multi); }
static inline CURLMcode tidings_curl_multi_add_handle(const tidings_curl_api *api, CURLM *multi, CURL *handle) {
    return api->multi_add_handle(multi, handle);
}
static inline CURLMcode tidings_curl_multi_remove_handle(const tidings_curl_api *api, CURLM *multi, CURL *handle) {
    return api->multi_remove_handle(multi, handle);
}
static inline CURLMcode tidings_curl_multi_perform(const tidings_curl_api *api, CURLM *multi, int *running) {
    return api->multi_perform(multi, running);
}
static inline CURLMcode tidings_curl_multi_poll(const tidings_curl_api *api, CURLM *multi, int timeout_ms) {
    return api->multi_poll(multi, NULL, 0, timeout_ms, NULL);
}
static inline CURLMcode tidings_curl_multi_setopt_long(const tidings_curl_api *api, CURLM *multi, CURLMoption option, long value) {
    return api->multi_setopt(multi, option, value);
}
static inline const char *tidings_curl_multi_strerror(const tidings_curl_api *api, CURLMcode code) { return api->multi_strerror(code); }
/// Reads the next "transfer done" message: 1 with its handle and result, 0 when there is none left.
static inline int tidings_curl_multi_next_done(const tidings_curl_api *api, CURLM *multi, CURL **handle, CURLcode *result) {
    int queued = 0;
    CURLMsg *message;
    while ((message = api->multi_info_read(multi, &queued)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            *handle = message->easy_handle;
            *result = message->data.result;
            return 1;
        }
    }
    return 0;
}
#endif
