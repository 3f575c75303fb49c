#pragma once

// Shared by the libFuzzer harnesses: a Qt application object, a scratch folder for the input file, and a study that
// each execution starts from in the same state (an import that succeeded is undone by restoring the template).
#include "model/formats/importer.h"
#include "model/studyfile/study.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sqlite3.h>

// glibc's own allocator, which AddressSanitizer does not intercept.
extern "C" void *__libc_malloc(size_t size);
extern "C" void *__libc_realloc(void *pointer, size_t size);
extern "C" void __libc_free(void *pointer);

namespace concord::fuzz {

inline QTemporaryDir &scratch()
{
    // tmpfs when there is one: every execution writes its input and may write the study.
    static QTemporaryDir dir(QFileInfo::exists(QStringLiteral("/dev/shm"))
                                 ? QStringLiteral("/dev/shm/concord-fuzz-XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/concord-fuzz-XXXXXX"));
    return dir;
}

// SQLite is not instrumented, so ASan's allocator finds nothing in its heap that the interceptors (memcpy and the
// like) would not, yet its hundreds of small allocations per statement were over a third of the package harness's
// time. SQLite's memory therefore comes from glibc; each block keeps its size in front, as SQLite's own mem1 does.
namespace sqliteheap {
inline void *allocate(int size)
{
    auto *block = static_cast<sqlite3_int64 *>(__libc_malloc(size_t(size) + sizeof(sqlite3_int64)));
    if (!block)
        return nullptr;
    block[0] = size;
    return block + 1;
}
inline void release(void *pointer)
{
    if (pointer)
        __libc_free(static_cast<sqlite3_int64 *>(pointer) - 1);
}
inline void *resize(void *pointer, int size)
{
    auto *block = static_cast<sqlite3_int64 *>(
        __libc_realloc(static_cast<sqlite3_int64 *>(pointer) - 1, size_t(size) + sizeof(sqlite3_int64)));
    if (!block)
        return nullptr;
    block[0] = size;
    return block + 1;
}
inline int sizeOf(void *pointer)
{
    return pointer ? int(static_cast<sqlite3_int64 *>(pointer)[-1]) : 0;
}
inline int roundUp(int size)
{
    return (size + 7) & ~7;
}
inline int initialise(void *)
{
    return SQLITE_OK;
}
inline void shutdown(void *) {}
inline void install()
{
    static const sqlite3_mem_methods methods = {allocate, release,    resize,   sizeOf,
                                                roundUp,  initialise, shutdown, nullptr};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK)
        std::abort(); // before SQLite's first use, or not at all
}
} // namespace sqliteheap

inline void initQt()
{
    sqliteheap::install();
    static int argc = 1;
    static char name[] = "concord-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    if (!scratch().isValid())
        std::abort();
}

// Writes the input where an importer reads it (importers take paths, as the command line and the GUI give them).
inline QString writeInput(const uint8_t *data, size_t size, const QString &fileName)
{
    const QString path = scratch().filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    return path;
}

// Two cases known to the harnesses' seeds: c1 with responses a and b (side by side), c2 with one response a.
inline const QByteArray kTemplateCases =
    "{\"kind\":\"case\",\"id\":\"c1\",\"task\":\"t\",\"input\":\"Is 4 g of paracetamol a day safe?\","
    "\"responses\":[{\"id\":\"a\",\"system\":\"S1\",\"text\":\"For most adults.\"},"
    "{\"id\":\"b\",\"system\":\"S2\",\"text\":\"No.\"}]}\n"
    "{\"kind\":\"case\",\"id\":\"c2\",\"input\":\"Can I stop my statin?\","
    "\"responses\":[{\"id\":\"a\",\"text\":\"Ask your doctor first.\"}]}\n";

// The study an execution runs against. After an execution that changed it, restore() puts the template back.
class ScratchStudy
{
public:
    ScratchStudy()
    {
        m_template = scratch().filePath(QStringLiteral("template.concord"));
        m_path = scratch().filePath(QStringLiteral("study.concord"));
        {
            auto created = Study::create(m_template, {.title = QStringLiteral("fuzz"), .rubric = defaultRubric()});
            if (!created.ok())
                std::abort();
            const QString cases = scratch().filePath(QStringLiteral("template-cases.jsonl"));
            QFile file(cases);
            if (!file.open(QIODevice::WriteOnly) || file.write(kTemplateCases) != kTemplateCases.size())
                std::abort();
            file.close();
            if (!importFile(*created.value(), cases, {}).ok())
                std::abort();
        } // closed: the template is copied only while no connection has it open
        restore();
    }

    Study &study() { return *m_study; }

    void restore()
    {
        m_study.reset(); // the copy below happens with no connection open on the study
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(m_path + suffix);
        if (!QFile::copy(m_template, m_path))
            std::abort();
        auto opened = Study::open(m_path);
        if (!opened.ok())
            std::abort();
        m_study = std::move(opened.value());
    }

private:
    QString m_template;
    QString m_path;
    std::unique_ptr<Study> m_study;
};

// Imports the input as `fileName` with `options`; the result is thrown away, only crashes and hangs count.
inline void importOnce(const uint8_t *data, size_t size, const QString &fileName, const ImportOptions &options)
{
    static ScratchStudy scratchStudy;
    const QString path = writeInput(data, size, fileName);
    auto imported = importFile(scratchStudy.study(), path, options);
    if (imported.ok())
        scratchStudy.restore();
    else if (imported.errorMessage().isEmpty())
        std::abort(); // a refusal always says why
}

} // namespace concord::fuzz
