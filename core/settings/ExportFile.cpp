#include "settings/ExportFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace clawtray {
namespace {

QString errnoText(int e)
{
    return QString::fromLocal8Bit(std::strerror(e));
}

Result<qint64> fail(const UserText& why)
{
    return Result<qint64>::failure(why);
}

} // namespace

Result<qint64> writeExportFile(const QString& path, const QByteArray& bytes)
{
    const QByteArray target = QFile::encodeName(path);
    struct stat st = {};
    if (::lstat(target.constData(), &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "%1 is a symbolic link; ClawTray does not write through links (choose the file it points to, or another name)")).arg(path));
        if (!S_ISREG(st.st_mode))
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "%1 exists and is not a regular file")).arg(path));
        if (st.st_uid != ::geteuid())
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "%1 belongs to another user (uid %2)")).arg(path).arg(qint64(st.st_uid)));
        if (st.st_nlink > 1)
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "%1 has other hard links; choose another name")).arg(path));
    } else if (errno != ENOENT) {
        return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot inspect %1: %2")).arg(path).arg(errnoText(errno)));
    }

    const QString dir = QFileInfo(path).absolutePath();
    QByteArray temp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        temp = QFile::encodeName(QStringLiteral("%1/.%2.%3.tmp")
                                     .arg(dir, QFileInfo(path).fileName())
                                     .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0')));
        fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot create a file in %1: %2")).arg(dir).arg(errnoText(errno)));
    }
    if (fd < 0)
        return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot create a temporary file in %1")).arg(dir));
    qint64 written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int e = errno;
            ::close(fd);
            ::unlink(temp.constData());
            return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot write %1: %2")).arg(path).arg(errnoText(e)));
        }
        written += n;
    }
    const bool synced = ::fsync(fd) == 0;
    const int syncErrno = errno;
    if (::close(fd) != 0 || !synced) {
        const int e = synced ? errno : syncErrno;
        ::unlink(temp.constData());
        return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot write %1: %2")).arg(path).arg(errnoText(e)));
    }
    if (::rename(temp.constData(), target.constData()) != 0) {
        const int e = errno;
        ::unlink(temp.constData());
        return fail(UserText(QT_TRANSLATE_NOOP("UserText", "cannot replace %1: %2")).arg(path).arg(errnoText(e)));
    }
    return qint64(written);
}

} // namespace clawtray
