// Test fixture: a process that is NOT an OpenClaw gateway and listens on a port, so tests can
// check that ClawTray never kills a foreign listener. Usage: port_holder <port>
#include <QCoreApplication>
#include <QTcpServer>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, quint16(QByteArray(argv[1]).toUInt())))
        return 1;
    QTextStream(stdout) << "listening " << server.serverPort() << Qt::endl;
    return app.exec();
}
