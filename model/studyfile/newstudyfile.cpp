#include "model/studyfile/newstudyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace concord {

namespace {

// One write lock on a byte far beyond those SQLite locks (around 1 GiB) marks a temporary as being written. It is an
// open-file-description lock: it does not conflict with this process's own SQLite locks, is not released when
// SQLite closes its descriptors, and is dropped by the kernel when the writer dies, so a temporary that can be
// locked is a leftover of a killed writer.
constexpr off_t kInUseLockOffset = off_t(1) << 62;

bool lockAsInUse(int descriptor)
{
    struct flock lock = {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = kInUseLockOffset;
    lock.l_len = 1;
    return ::fcntl(descriptor, F_OFD_SETLK, &lock) == 0;
}

// The temporaries this process is writing. The sweep for leftovers never opens these: closing any descriptor of
// a file drops all of this process's POSIX locks on it, SQLite's included.
std::mutex &registryMutex()
{
    static std::mutex mutex;
    return mutex;
}

QSet<QString> &ourTemporaries()
{
    static QSet<QString> paths;
    return paths;
}

bool isOurs(const QString &path)
{
    std::lock_guard lock(registryMutex());
    return ourTemporaries().contains(path);
}

void setOurs(const QString &path, bool ours)
{
    std::lock_guard lock(registryMutex());
    if (ours)
        ourTemporaries().insert(path);
    else
        ourTemporaries().remove(path);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Sidecars first: a sweep killed half way leaves a main file to find again, not an orphaned -wal.
void removeWithSidecars(const QString &path)
{
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
    QFile::remove(path);
}

void removeStaleTemporaries(const QString &finalPath)
{
    const QFileInfo target(finalPath);
    const QString prefix = NewStudyFile::temporaryPrefix(finalPath);
    const QRegularExpression mainFile(QStringLiteral("^%1[0-9a-f]{8}$").arg(QRegularExpression::escape(prefix)));
    const QDir folder = target.absoluteDir();
    const QStringList entries =
        folder.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks);
    for (const QString &entry : entries) {
        if (!mainFile.match(entry).hasMatch())
            continue;
        const QString path = folder.filePath(entry);
        if (isOurs(path))
            continue;
        const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
        if (descriptor < 0)
            continue;
        if (lockAsInUse(descriptor))
            removeWithSidecars(path); // no writer holds it: left by a killed one
        ::close(descriptor);
    }
}

Status syncFolder(const QString &folder)
{
    const int descriptor = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor < 0)
        return Error{QStringLiteral("%1: cannot open the folder to flush it: %2").arg(folder, errnoText())};
    const bool synced = ::fsync(descriptor) == 0;
    const QString error = synced ? QString() : errnoText();
    ::close(descriptor);
    if (!synced)
        return Error{QStringLiteral("%1: cannot flush the folder: %2").arg(folder, error)};
    return {};
}

enum class RenameOutcome
{
    Renamed,
    TargetExists,
    Failed
};

// Renames without ever replacing an existing file: renameat2(RENAME_NOREPLACE), or where the file system does not
// support it, a hard link (which fails on an existing name) and removal of the old name.
RenameOutcome renameWithoutReplacing(const QString &from, const QString &to)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE) == 0)
        return RenameOutcome::Renamed;
    if (errno == EEXIST)
        return RenameOutcome::TargetExists;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return RenameOutcome::Failed;
    if (::link(source.constData(), target.constData()) != 0)
        return errno == EEXIST ? RenameOutcome::TargetExists : RenameOutcome::Failed;
    ::unlink(source.constData());
    return RenameOutcome::Renamed;
}

} // namespace

QString NewStudyFile::temporaryPrefix(const QString &finalPath)
{
    return QStringLiteral(".%1.partial-").arg(QFileInfo(finalPath).fileName());
}

NewStudyFile::NewStudyFile(QString finalPath, QString temporaryPath, int descriptor)
    : m_finalPath(std::move(finalPath))
    , m_temporaryPath(std::move(temporaryPath))
    , m_descriptor(descriptor)
{
    setOurs(m_temporaryPath, true);
}

NewStudyFile::~NewStudyFile()
{
    if (!m_published)
        discard();
}

void NewStudyFile::discard()
{
    m_study.reset(); // the connection closes before the files go
    removeWithSidecars(m_temporaryPath);
    if (m_descriptor >= 0)
        ::close(m_descriptor);
    m_descriptor = -1;
    setOurs(m_temporaryPath, false);
}

Result<std::unique_ptr<NewStudyFile>> NewStudyFile::create(const QString &finalPath,
                                                           const Study::CreateOptions &options)
{
    if (QFileInfo::exists(finalPath))
        return Error{QStringLiteral("%1: already exists; choose another file name").arg(finalPath)};
    const QFileInfo target(finalPath);
    if (!target.absoluteDir().exists())
        return Error{QStringLiteral("%1: cannot create: the folder %2 does not exist")
                         .arg(finalPath, QDir::toNativeSeparators(target.absolutePath()))};
    removeStaleTemporaries(finalPath);

    // Created here, owner-only, before SQLite opens it: SQLite gives the -wal and -shm the main file's mode.
    const QString prefix = target.absoluteDir().filePath(temporaryPrefix(finalPath));
    QString temporary;
    int descriptor = -1;
    for (int attempt = 0; attempt < 16 && descriptor < 0; ++attempt) {
        temporary = prefix + QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
        descriptor =
            ::open(QFile::encodeName(temporary).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
        if (descriptor < 0 && errno != EEXIST)
            return Error{QStringLiteral("%1: cannot create: %2").arg(finalPath, errnoText())};
    }
    if (descriptor < 0)
        return Error{QStringLiteral("%1: cannot create a temporary file beside it").arg(finalPath)};
    // Without the lock (a file system without open-file-description locks) a concurrent sweep could take the
    // temporary for a leftover; publish() then fails cleanly instead of putting a file in place.
    (void)lockAsInUse(descriptor);

    std::unique_ptr<NewStudyFile> file(new NewStudyFile(finalPath, temporary, descriptor));
    auto study = Study::initialise(temporary, options);
    if (!study.ok())
        return Error{study.errorMessage().replace(temporary, finalPath)};
    file->m_study = std::move(study).value();
    return file;
}

Status NewStudyFile::publish()
{
    if (m_published)
        return {};
    auto failed = [&](const QString &message) -> Status {
        discard();
        return Error{message};
    };
    // The last connection's close checkpoints the write-ahead log into the file and removes it.
    m_study.reset();
    const QFileInfo log(m_temporaryPath + QStringLiteral("-wal"));
    if (log.exists() && log.size() > 0)
        return failed(QStringLiteral("%1: the new file could not be closed cleanly (its write-ahead log remained); "
                                     "nothing was put in place")
                          .arg(m_finalPath));
    if (::fsync(m_descriptor) != 0)
        return failed(QStringLiteral("%1: cannot flush the new file to disk: %2").arg(m_finalPath, errnoText()));
    switch (renameWithoutReplacing(m_temporaryPath, m_finalPath)) {
    case RenameOutcome::Renamed:
        break;
    case RenameOutcome::TargetExists:
        return failed(QStringLiteral("%1: already exists (created meanwhile by another program); it was left as it "
                                     "is and this new file was not put in place")
                          .arg(m_finalPath));
    case RenameOutcome::Failed:
        return failed(QStringLiteral("%1: cannot put the new file in place: %2").arg(m_finalPath, errnoText()));
    }
    m_published = true;
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(m_temporaryPath + suffix);
    ::close(m_descriptor);
    m_descriptor = -1;
    setOurs(m_temporaryPath, false);
    return syncFolder(QFileInfo(m_finalPath).absolutePath());
}

} // namespace concord
