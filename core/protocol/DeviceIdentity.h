#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header so users need no OpenSSL includes

namespace clawtray {

struct DeviceIdentityLoadResult;

// ClawTray's Ed25519 device identity, presented in the connect handshake. The gateway derives
// the device id from the public key and checks a signature over the challenge, so the private
// key must survive restarts (a stable device) and must never leave this machine: it lives in a
// 0600 file as PKCS#8 PEM (readable by `openssl pkey` for debugging) and is never logged.
//
// Copies share the same immutable key; an identity is cheap to pass by value.
class DeviceIdentity final
{
public:
    using LoadResult = DeviceIdentityLoadResult;

    // Reads the key at filePath, or generates one and saves it there atomically with mode 0600.
    // A corrupt or unreadable file is replaced by a new key (the old device id is lost) and
    // reported in `warning`; a file with loose permissions is tightened and reported too. If the
    // new key cannot be saved the identity is still returned, in-memory only, with a warning.
    static LoadResult loadOrCreate(const QString& filePath);

    static std::optional<DeviceIdentity> generate();
    // For tests and fixed vectors: the 32-byte raw Ed25519 private key (seed).
    static std::optional<DeviceIdentity> fromRawPrivateKey(const QByteArray& rawPrivateKey);
    // PKCS#8 PEM as written by loadOrCreate or `openssl genpkey -algorithm ed25519`.
    static std::optional<DeviceIdentity> fromPem(const QByteArray& pem);

    QString deviceId() const { return m_deviceId; }         // lowercase hex SHA-256 of the raw public key
    QByteArray rawPublicKey() const { return m_publicKey; } // 32 bytes
    QString publicKeyBase64Url() const;                     // base64url, no padding
    QByteArray sign(const QByteArray& message) const;       // 64-byte signature; empty on failure
    QString signatureBase64Url(const QByteArray& message) const;
    QByteArray toPem() const; // PKCS#8 PEM of the private key: only for saving, never for logs

    // The v3 string the gateway verifies, UTF-8:
    // v3|deviceId|clientId|clientMode|role|scope,scope|signedAtMs|token|nonce|platform|deviceFamily
    // platform and deviceFamily are trimmed and lower-cased; an empty one leaves an empty field
    // (so a trailing '|' when deviceFamily is empty), exactly like the gateway rebuilds it.
    static QByteArray buildSignaturePayloadV3(const QString& deviceId, const QString& clientId,
                                              const QString& clientMode, const QString& role, const QStringList& scopes,
                                              qint64 signedAtMs, const QString& token, const QString& nonce,
                                              const QString& platform, const QString& deviceFamily = QString());

    // Verifies an Ed25519 signature against a raw 32-byte public key (the fake gateway needs the
    // gateway's side of the check). False for any malformed input.
    static bool verify(const QByteArray& rawPublicKey, const QByteArray& message, const QByteArray& signature);
    // Same, with the key and signature as they travel in the connect frame (base64url).
    static bool verifyBase64Url(const QString& publicKey, const QByteArray& message, const QString& signature);

    static QString toBase64Url(const QByteArray& bytes);
    static std::optional<QByteArray> fromBase64Url(const QString& text);
    static QString deviceIdFor(const QByteArray& rawPublicKey);

private:
    DeviceIdentity(std::shared_ptr<evp_pkey_st> key, QByteArray rawPublicKey);
    static std::optional<DeviceIdentity> fromKey(evp_pkey_st* key); // takes ownership

    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_publicKey;
    QString m_deviceId;
};

// The outcome of DeviceIdentity::loadOrCreate (outside the class: it holds a DeviceIdentity).
struct DeviceIdentityLoadResult
{
    std::optional<DeviceIdentity> identity; // always set unless key generation itself failed
    bool created = false;                   // a new key was generated (first run, or the old file was unusable)
    bool persisted = false;                 // the key is on disk at the path (false: in-memory only, see warning)
    QString warning;                        // something was repaired or could not be saved; for the user
    QString error;                          // no identity at all

    bool ok() const { return identity.has_value(); }
};

} // namespace clawtray
