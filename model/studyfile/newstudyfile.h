#pragma once

#include "model/domain/result.h"
#include "model/studyfile/study.h"

#include <QString>
#include <memory>

namespace concord {

// A new study file (a study, the demo, an annotator package) written under a hidden temporary name in its
// destination folder and put in place only when complete. Killed at any moment, it leaves either no file or a
// complete one under the final name, never a half-written one; of two writers of one path one wins and the other
// is told the file exists, and neither ever removes or replaces a file it did not make. The file and its -wal and
// -shm are readable by their owner only (study files hold clinical text).
class NewStudyFile
{
public:
    // Creates the temporary file and a study of options.schemaVersion (default current) in it. Fails when
    // finalPath exists; removes temporaries left by killed writers of the same path.
    static Result<std::unique_ptr<NewStudyFile>> create(const QString &finalPath, const Study::CreateOptions &options);

    ~NewStudyFile(); // removes the temporary unless published
    NewStudyFile(const NewStudyFile &) = delete;
    NewStudyFile &operator=(const NewStudyFile &) = delete;

    // The study being written; it lives at temporaryPath() until publish().
    Study &study() { return *m_study; }
    QString finalPath() const { return m_finalPath; }
    QString temporaryPath() const { return m_temporaryPath; }

    // Closes the study (its write-ahead log checkpointed into the file and removed), flushes the file to disk,
    // renames it to the final path unless a file of that name exists by now, and flushes the folder.
    Status publish();

    // The prefix of the temporary files of finalPath: ".NAME.partial-", followed by 8 hexadecimal digits.
    static QString temporaryPrefix(const QString &finalPath);

private:
    NewStudyFile(QString finalPath, QString temporaryPath, int descriptor);
    void discard();

    QString m_finalPath;
    QString m_temporaryPath;
    int m_descriptor = -1; // held open, with a lock that marks the temporary as in use, until published or discarded
    std::unique_ptr<Study> m_study;
    bool m_published = false;
};

} // namespace concord
