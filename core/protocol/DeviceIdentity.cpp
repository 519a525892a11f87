#include "protocol/DeviceIdentity.h"

#include "logging/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace clawtray {

namespace {

constexpr int kRawKeyBytes = 32;
constexpr int kSignatureBytes = 64;
constexpr qint64 kMaxKeyFileBytes = 64 * 1024; // a PEM Ed25519 key is ~120 bytes

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                   QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                   QFileDevice::WriteOther | QFileDevice::ExeOther;

struct PkeyCtxFree
{
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BioFree
{
    void operator()(BIO* b) const { BIO_free(b); }
};

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY* key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// Wipes a buffer that held key material; OPENSSL_cleanse cannot be optimised away like memset.
void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

struct SaveOutcome
{
    bool ok = false;
    QString error;
};

SaveOutcome saveKey(const QString& filePath, const DeviceIdentity& identity)
{
    const QFileInfo info(filePath);
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral("."))) {
            return {false, QStringLiteral("cannot create directory %1").arg(dir.absolutePath())};
        }
        // Only a directory we created is tightened: an existing one is the user's business.
        QFile::setPermissions(dir.absolutePath(), kOwnerOnly | QFileDevice::ExeOwner);
    }

    QByteArray pem = identity.toPem();
    if (pem.isEmpty())
        return {false, QStringLiteral("cannot encode the private key")};

    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        wipe(pem);
        return {false, QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString())};
    }
    // Restrict the temporary file before the key is written into it, so the key is never on
    // disk with the default 0644 for even a moment; the rename keeps the mode.
    file.setPermissions(kOwnerOnly);
    const bool written = file.write(pem) == pem.size();
    wipe(pem);
    if (!written || !file.commit())
        return {false, QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString())};
    if (!QFile::setPermissions(filePath, kOwnerOnly))
        return {false, QStringLiteral("cannot restrict permissions of %1").arg(filePath)};
    return {true, QString()};
}

} // namespace

DeviceIdentity::DeviceIdentity(std::shared_ptr<EVP_PKEY> key, QByteArray rawPublicKey)
    : m_key(std::move(key))
    , m_publicKey(std::move(rawPublicKey))
    , m_deviceId(deviceIdFor(m_publicKey))
{}

std::optional<DeviceIdentity> DeviceIdentity::fromKey(EVP_PKEY* key)
{
    std::shared_ptr<EVP_PKEY> owned = adopt(key);
    if (!key || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519)
        return std::nullopt;
    unsigned char pub[kRawKeyBytes];
    size_t len = sizeof pub;
    if (EVP_PKEY_get_raw_public_key(key, pub, &len) != 1 || len != kRawKeyBytes)
        return std::nullopt;
    return DeviceIdentity(std::move(owned), QByteArray(reinterpret_cast<const char*>(pub), kRawKeyBytes));
}

std::optional<DeviceIdentity> DeviceIdentity::generate()
{
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &key) != 1) {
        ERR_clear_error();
        return std::nullopt;
    }
    return fromKey(key);
}

std::optional<DeviceIdentity> DeviceIdentity::fromRawPrivateKey(const QByteArray& rawPrivateKey)
{
    if (rawPrivateKey.size() != kRawKeyBytes)
        return std::nullopt;
    EVP_PKEY* key = EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(rawPrivateKey.constData()), kRawKeyBytes);
    if (!key) {
        ERR_clear_error();
        return std::nullopt;
    }
    return fromKey(key);
}

std::optional<DeviceIdentity> DeviceIdentity::fromPem(const QByteArray& pem)
{
    if (pem.isEmpty() || pem.size() > kMaxKeyFileBytes)
        return std::nullopt;
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    if (!bio)
        return std::nullopt;
    // A null passphrase callback with no user data: an encrypted PEM fails instead of prompting
    // on the terminal, which a tray application must never do.
    EVP_PKEY* key = PEM_read_bio_PrivateKey(
        bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
    // Leave no parse errors on OpenSSL's thread-local queue for unrelated code to trip over.
    ERR_clear_error();
    if (!key)
        return std::nullopt;
    return fromKey(key);
}

QByteArray DeviceIdentity::toPem() const
{
    // Secure-heap BIO: its buffer is wiped when freed, so the PEM leaves no copy behind.
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ERR_clear_error();
        return QByteArray();
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    if (len <= 0 || !data)
        return QByteArray();
    return QByteArray(data, static_cast<qsizetype>(len));
}

DeviceIdentity::LoadResult DeviceIdentity::loadOrCreate(const QString& filePath)
{
    LoadResult result;
    QString problem; // why an existing file could not be used

    const QFileInfo info(filePath);
    if (info.exists()) {
        QFile file(filePath);
        if (!info.isFile()) {
            problem = info.isDir() ? QStringLiteral("it is a directory") : QStringLiteral("it is not a regular file");
        } else if (info.size() > kMaxKeyFileBytes) {
            problem = QStringLiteral("it is too large to be a key");
        } else if (!file.open(QIODevice::ReadOnly)) {
            problem = QStringLiteral("it cannot be read (%1)").arg(file.errorString());
        } else {
            QByteArray pem = file.read(kMaxKeyFileBytes + 1);
            file.close();
            result.identity = fromPem(pem);
            wipe(pem);
            if (!result.identity)
                problem = QStringLiteral("it does not hold an Ed25519 private key");
        }
        if (result.identity) {
            result.persisted = true;
            if (QFile::permissions(filePath) & kGroupOrOther) {
                if (QFile::setPermissions(filePath, kOwnerOnly)) {
                    result.warning = QStringLiteral("The device identity file %1 was readable by other users; "
                                                    "its permissions were restricted to the owner.")
                                         .arg(filePath);
                } else {
                    result.warning = QStringLiteral("The device identity file %1 is readable by other users and "
                                                    "its permissions could not be restricted.")
                                         .arg(filePath);
                }
                logWarn(result.warning);
            }
            return result;
        }
    }

    result.identity = generate();
    if (!result.identity) {
        result.error = QStringLiteral("Could not generate an Ed25519 device key (OpenSSL failure).");
        logError(result.error);
        return result;
    }
    result.created = true;

    if (!problem.isEmpty()) {
        // Never destroy what may still be recoverable (a key the user can restore by hand): the
        // unusable file is kept beside the new one.
        QString kept;
        if (info.isFile()) {
            const QString stem = QStringLiteral("%1.bad-%2")
                                     .arg(filePath, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
            QString backup = stem;
            for (int n = 2; QFileInfo::exists(backup) && n < 100; ++n)
                backup = QStringLiteral("%1-%2").arg(stem).arg(n);
            if (QFile::rename(filePath, backup))
                kept = QStringLiteral(" The unusable file was kept as %1.").arg(backup);
        }
        result.warning = QStringLiteral("The device identity file %1 was unusable (%2); a new device key was "
                                        "created, so this computer appears to the gateway as a new device and "
                                        "must be paired again wherever the gateway asks for pairing "
                                        "(`openclaw devices list`).%3")
                             .arg(filePath, problem, kept);
    }
    // A directory in the way cannot be replaced by a rename, and deleting the user's data to make
    // room is not ours to do: the identity then stays in memory only.
    const SaveOutcome saved = info.isDir() ? SaveOutcome{false, QStringLiteral("the path is a directory")}
                                           : saveKey(filePath, *result.identity);
    result.persisted = saved.ok;
    if (!saved.ok) {
        const QString notSaved = QStringLiteral("The device key could not be saved (%1); it is kept in memory only "
                                                "and will change on the next start.")
                                     .arg(saved.error);
        result.warning = result.warning.isEmpty() ? notSaved : result.warning + QLatin1Char(' ') + notSaved;
    }
    if (!result.warning.isEmpty())
        logWarn(result.warning);
    else
        logInfo(QStringLiteral("Created device identity %1 in %2").arg(result.identity->deviceId(), filePath));
    return result;
}

QString DeviceIdentity::publicKeyBase64Url() const
{
    return toBase64Url(m_publicKey);
}

QByteArray DeviceIdentity::sign(const QByteArray& message) const
{
    if (!m_key)
        return QByteArray();
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    unsigned char sig[kSignatureBytes];
    size_t len = sizeof sig;
    // Ed25519 is "pure": it hashes internally, so the digest argument must be null and the
    // one-shot EVP_DigestSign is the only supported call (no Update/Final streaming).
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.constData()),
                       static_cast<size_t>(message.size())) != 1 ||
        len != kSignatureBytes) {
        ERR_clear_error();
        return QByteArray();
    }
    return QByteArray(reinterpret_cast<const char*>(sig), kSignatureBytes);
}

QString DeviceIdentity::signatureBase64Url(const QByteArray& message) const
{
    return toBase64Url(sign(message));
}

QByteArray DeviceIdentity::buildSignaturePayloadV3(const QString& deviceId, const QString& clientId,
                                                   const QString& clientMode, const QString& role,
                                                   const QStringList& scopes, qint64 signedAtMs, const QString& token,
                                                   const QString& nonce, const QString& platform,
                                                   const QString& deviceFamily)
{
    const QStringList fields{QStringLiteral("v3"),
                             deviceId,
                             clientId,
                             clientMode,
                             role,
                             scopes.join(QLatin1Char(',')),
                             QString::number(signedAtMs),
                             token,
                             nonce,
                             platform.trimmed().toLower(),
                             deviceFamily.trimmed().toLower()};
    return fields.join(QLatin1Char('|')).toUtf8();
}

bool DeviceIdentity::verify(const QByteArray& rawPublicKey, const QByteArray& message, const QByteArray& signature)
{
    if (rawPublicKey.size() != kRawKeyBytes || signature.size() != kSignatureBytes)
        return false;
    std::shared_ptr<EVP_PKEY> key = adopt(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(rawPublicKey.constData()), kRawKeyBytes));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    const bool ok = key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
                    EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                                     kSignatureBytes, reinterpret_cast<const unsigned char*>(message.constData()),
                                     static_cast<size_t>(message.size())) == 1;
    ERR_clear_error();
    return ok;
}

bool DeviceIdentity::verifyBase64Url(const QString& publicKey, const QByteArray& message, const QString& signature)
{
    const auto key = fromBase64Url(publicKey);
    const auto sig = fromBase64Url(signature);
    return key && sig && verify(*key, message, *sig);
}

QString DeviceIdentity::toBase64Url(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QByteArray> DeviceIdentity::fromBase64Url(const QString& text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

QString DeviceIdentity::deviceIdFor(const QByteArray& rawPublicKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(rawPublicKey, QCryptographicHash::Sha256).toHex());
}

} // namespace clawtray
