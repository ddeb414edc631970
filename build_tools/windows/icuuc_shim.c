/* icuuc_shim.c - a test-prefix stand-in for Windows 10's System32\icuuc.dll.
 *
 * Qt6Core (Qt >= 6.7 on Windows) imports the ICU converter functions below from the system's
 * icuuc.dll; Wine 8 does not provide that DLL, so Qt6Core would not load at all. Here every
 * converter is "unavailable": ucnv_open fails, so Qt's named legacy codecs (GBK, Big5 ...) are
 * absent under Wine. PlanDesk decodes those with Python's codecs, not Qt's, so nothing of it
 * depends on them. Built by build.sh with mingw-w64 into the Wine prefix only; never shipped
 * (a real Windows has the real DLL).
 *
 * The list is what `x86_64-w64-mingw32-objdump -p Qt6Core.dll` shows under "DLL Name: icuuc.dll".
 * On x64 Windows the caller cleans the stack, so each function takes only the arguments it uses.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
enum { U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

/* ICU's rule: a function does nothing when *err already holds an error (> 0). */
static void set_error(UErrorCode *err, UErrorCode code)
{
    if (err != NULL && *err <= 0)
        *err = code;
}

static void clear_pair(void **fn, const void **ctx)
{
    if (fn != NULL)
        *fn = NULL;
    if (ctx != NULL)
        *ctx = NULL;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    set_error(err, U_FILE_ACCESS_ERROR); /* "no converter data": Qt falls back */
    return NULL;
}

EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err)
{
    (void)cnv;
    set_error(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; (void)err;
    return NULL;
}

EXPORT void ucnv_getToUCallBack(const void *cnv, void **fn, const void **ctx)
{
    (void)cnv;
    clear_pair(fn, ctx);
}

EXPORT void ucnv_getFromUCallBack(const void *cnv, void **fn, const void **ctx)
{
    (void)cnv;
    clear_pair(fn, ctx);
}

EXPORT void ucnv_setToUCallBack(void *cnv, void *fn, const void *ctx, void **old_fn,
                                const void **old_ctx, UErrorCode *err)
{
    (void)cnv; (void)fn; (void)ctx;
    clear_pair(old_fn, old_ctx);
    set_error(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_setFromUCallBack(void *cnv, void *fn, const void *ctx, void **old_fn,
                                  const void **old_ctx, UErrorCode *err)
{
    (void)cnv; (void)fn; (void)ctx;
    clear_pair(old_fn, old_ctx);
    set_error(err, U_UNSUPPORTED_ERROR);
}

/* Conversions, pending counts and the callback helpers: never reached (no converter opens). */
EXPORT void ucnv_toUnicode(void *cnv, void *target, const void *limit, const void *source,
                           const void *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    set_error(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_fromUnicode(void *cnv, void *target, const void *limit, const void *source,
                             const void *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    set_error(err, U_UNSUPPORTED_ERROR);
}

EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }

EXPORT void ucnv_cbToUWriteUChars(void *args, const void *source, int32_t length, int32_t offset,
                                  UErrorCode *err)
{
    (void)args; (void)source; (void)length; (void)offset;
    set_error(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const void *source, const void *source_limit,
                                    int32_t offset, UErrorCode *err)
{
    (void)args; (void)source; (void)source_limit; (void)offset;
    set_error(err, U_UNSUPPORTED_ERROR);
}

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
