#pragma once

// Shared by the libFuzzer harnesses: a Qt application object, a scratch folder for the input file, and a study that
// each execution starts from in the same state (an import that succeeded is undone by restoring the template).
#include "model/importer.h"
#include "model/study.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace concord::fuzz {

inline QTemporaryDir &scratch()
{
    // tmpfs when there is one: every execution writes its input and may write the study.
    static QTemporaryDir dir(QFileInfo::exists(QStringLiteral("/dev/shm"))
                                 ? QStringLiteral("/dev/shm/concord-fuzz-XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/concord-fuzz-XXXXXX"));
    return dir;
}

inline void initQt()
{
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
