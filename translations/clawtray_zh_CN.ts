<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>OpenClaw (version not reported)</source>
        <translation>OpenClaw（未报告版本）</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>OpenClaw %1</source>
        <translation>OpenClaw %1</translation>
    </message>
</context>
<context>
    <name>ActionAvailability</name>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Let ClawTray manage the gateway</source>
        <translation>让 ClawTray 管理网关</translation>
    </message>
    <message>
        <source>Hand back to %1</source>
        <translation>交还给 %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>DiagnosticsTable</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Restarting…</source>
        <translation>正在重启…</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>%1 (OpenClaw&apos;s service)</source>
        <translation>%1（OpenClaw 的服务）</translation>
    </message>
    <message>
        <source>%1 (external)</source>
        <translation>%1（外部）</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Gateway %1</source>
        <translation>网关%1</translation>
    </message>
    <message>
        <source> · pid %1</source>
        <translation> · 进程 %1</translation>
    </message>
    <message>
        <source> · up %1</source>
        <translation> · 已运行 %1</translation>
    </message>
    <message>
        <source> · channels not ready: %1</source>
        <translation> · 渠道未就绪：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>sessions unknown</source>
        <translation>会话情况未知</translation>
    </message>
    <message>
        <source>no session active in the last hour</source>
        <translation>最近一小时没有活跃会话</translation>
    </message>
    <message>
        <source>1 session active in the last hour</source>
        <translation>最近一小时有 1 个活跃会话</translation>
    </message>
    <message>
        <source>%1 sessions active in the last hour</source>
        <translation>最近一小时有 %1 个活跃会话</translation>
    </message>
    <message>
        <source> (%1 running now)</source>
        <translation>（%1 个正在运行）</translation>
    </message>
    <message>
        <source>usage unknown</source>
        <translation>用量未知</translation>
    </message>
    <message>
        <source>today: %1 tokens, about %2 (estimated)</source>
        <translation>今日：%1 个 token，约 %2（估算）</translation>
    </message>
    <message>
        <source>today: %1 tokens, at least %2 (estimated)</source>
        <translation>今日：%1 个 token，至少 %2（估算）</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
</context>
<context>
    <name>QuitConfirmation</name>
    <message>
        <source>Quit ClawTray?</source>
        <translation>退出 ClawTray 吗？</translation>
    </message>
    <message>
        <source>Stop the gateway and quit</source>
        <translation>停止网关并退出</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>Quitting ClawTray stops the OpenClaw gateway it runs: channels go offline and running sessions end until ClawTray starts again.</source>
        <translation>退出 ClawTray 会停止它运行的 OpenClaw 网关：在 ClawTray 再次启动之前，渠道会离线，正在进行的会话也会结束。</translation>
    </message>
</context>
<context>
    <name>StatusVisual</name>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Running (degraded)</source>
        <translation>运行中（降级）</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Gateway: %1</source>
        <translation>网关：%1</translation>
    </message>
    <message>
        <source> (external)</source>
        <translation>（外部）</translation>
    </message>
    <message>
        <source>up %1</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
</context>
<context>
    <name>UserText</name>
    <message>
        <source>loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>The gateway token could not be loaded: %1</source>
        <translation>无法加载网关令牌：%1</translation>
    </message>
    <message>
        <source>The gateway&apos;s token is a %1 SecretRef in %2 and OpenClaw could not resolve it</source>
        <translation>网关的令牌是 %2 中的 %1 SecretRef，OpenClaw 无法解析它</translation>
    </message>
    <message>
        <source>Check it with `openclaw gateway auth-token --show`, or import the token in Settings (Token → Import).</source>
        <translation>请用 `openclaw gateway auth-token --show` 检查，或在设置中导入令牌（令牌 → 导入）。</translation>
    </message>
    <message>
        <source>Fix %1 in %2; ClawTray tries again when the file changes.</source>
        <translation>请修正 %2 中的 %1；文件变化后 ClawTray 会再次尝试。</translation>
    </message>
    <message>
        <source>The gateway on port %1 did not send its connect challenge within %2 ms</source>
        <translation>端口 %1 上的网关在 %2 毫秒内没有发送连接质询</translation>
    </message>
    <message>
        <source>Connect handshake timeout: no answer to connect within %1 ms</source>
        <translation>连接握手超时：%1 毫秒内没有收到对 connect 的应答</translation>
    </message>
    <message>
        <source>connection attempt abandoned</source>
        <translation>已放弃本次连接尝试</translation>
    </message>
    <message>
        <source>invalid connect challenge: %1</source>
        <translation>无效的连接质询：%1</translation>
    </message>
    <message>
        <source>no device identity available to sign the connect request</source>
        <translation>没有可用于签署连接请求的设备身份</translation>
    </message>
    <message>
        <source>ClawTray waits until port %1 is free or held by its own gateway; stop that process or choose another port in Settings.</source>
        <translation>ClawTray 会等到端口 %1 空闲或由它自己的网关占用；请停止那个进程，或在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>invalid hello-ok: %1</source>
        <translation>无效的 hello-ok：%1</translation>
    </message>
    <message>
        <source>The gateway was still starting after %1 ms (%2 attempts)</source>
        <translation>%1 毫秒后网关仍在启动（已尝试 %2 次）</translation>
    </message>
    <message>
        <source>Wait a little and start again; check the gateway&apos;s log for a stuck start-up stage.</source>
        <translation>请稍等后再次启动；查看网关日志中是否有卡住的启动阶段。</translation>
    </message>
    <message>
        <source>The gateway refused ClawTray&apos;s credentials (close 1008: %1)</source>
        <translation>网关拒绝了 ClawTray 的凭据（关闭码 1008：%1）</translation>
    </message>
    <message>
        <source>WebSocket closed before handshake (code %1)</source>
        <translation>WebSocket 在握手前关闭（代码 %1）</translation>
    </message>
    <message>
        <source>WebSocket closed before handshake (code %1%2)</source>
        <translation>WebSocket 在握手前关闭（代码 %1%2）</translation>
    </message>
    <message>
        <source>Cannot connect to the gateway on port %1: %2</source>
        <translation>无法连接端口 %1 上的网关：%2</translation>
    </message>
    <message>
        <source>Reconnect disabled</source>
        <translation>重新连接已关闭</translation>
    </message>
    <message>
        <source>Reconnect already scheduled</source>
        <translation>已安排重新连接</translation>
    </message>
    <message>
        <source>Gave up after %1 reconnect attempts</source>
        <translation>重新连接 %1 次后放弃</translation>
    </message>
    <message>
        <source>Reconnect attempt %1/%2 now</source>
        <translation>立即进行第 %1/%2 次重新连接</translation>
    </message>
    <message>
        <source>Reconnect attempt %1/%2 in %3</source>
        <translation>%3后进行第 %1/%2 次重新连接</translation>
    </message>
    <message>
        <source>restart in %1 (circuit open: %2 automatic restarts within %3)</source>
        <translation>%1后重启（熔断：%3内已自动重启 %2 次）</translation>
    </message>
    <message>
        <source>restart in %1 (cooldown)</source>
        <translation>%1后重启（冷却中）</translation>
    </message>
    <message>
        <source>restart allowed</source>
        <translation>允许重启</translation>
    </message>
    <message>
        <source>Gave up after %1 start attempts.</source>
        <translation>尝试启动 %1 次后放弃。</translation>
    </message>
    <message>
        <source>It is still invalid after doctor --fix.</source>
        <translation>运行 doctor --fix 后配置仍然无效。</translation>
    </message>
    <message>
        <source>Fix the configuration by hand (see the gateway log)</source>
        <translation>请手动修正配置（参见网关日志）</translation>
    </message>
    <message>
        <source>The gateway rejected its configuration and doctor --fix could not repair it.</source>
        <translation>网关拒绝了它的配置，doctor --fix 也无法修复。</translation>
    </message>
    <message>
        <source>The gateway did not become ready in time.</source>
        <translation>网关没有及时就绪。</translation>
    </message>
    <message>
        <source>Retrying automatically</source>
        <translation>正在自动重试</translation>
    </message>
    <message>
        <source>The gateway&apos;s port is already in use by another program or gateway.</source>
        <translation>网关的端口已被其他程序或网关占用。</translation>
    </message>
    <message>
        <source>Use another port, or stop the program that holds it</source>
        <translation>请使用其他端口，或停止占用它的程序</translation>
    </message>
    <message>
        <source>The gateway rejected its configuration.</source>
        <translation>网关拒绝了它的配置。</translation>
    </message>
    <message>
        <source>Run doctor --fix</source>
        <translation>运行 doctor --fix</translation>
    </message>
    <message>
        <source>Another gateway instance already uses this state directory (the gateway may misleadingly report that it &quot;requires state migration&quot;).</source>
        <translation>另一个网关实例已在使用这个状态目录（网关可能会误报“需要状态迁移”）。</translation>
    </message>
    <message>
        <source>Stop the other gateway or choose another state dir</source>
        <translation>请停止另一个网关，或选择其他状态目录</translation>
    </message>
    <message>
        <source>The Node.js runtime is too old for this gateway (it needs Node 24).</source>
        <translation>Node.js 运行环境对这个网关来说太旧（需要 Node 24）。</translation>
    </message>
    <message>
        <source>Install Node 24 with scripts/setup.sh</source>
        <translation>请用 scripts/setup.sh 安装 Node 24</translation>
    </message>
    <message>
        <source>Another gateway is running its startup migration on this state.</source>
        <translation>另一个网关正在对这份状态执行启动迁移。</translation>
    </message>
    <message>
        <source>Wait for the other gateway to finish, or stop it</source>
        <translation>请等待另一个网关完成，或停止它</translation>
    </message>
    <message>
        <source>The gateway&apos;s database is damaged (%1).</source>
        <translation>网关的数据库已损坏（%1）。</translation>
    </message>
    <message>
        <source>See the gateway log; restore the database from a backup</source>
        <translation>请查看网关日志；从备份恢复数据库</translation>
    </message>
    <message>
        <source>The gateway was killed by signal %1 while starting.</source>
        <translation>网关在启动时被信号 %1 终止。</translation>
    </message>
    <message>
        <source>The gateway exited with code %1 while starting.</source>
        <translation>网关在启动时退出，退出码 %1。</translation>
    </message>
    <message>
        <source>The gateway failed to start.</source>
        <translation>网关启动失败。</translation>
    </message>
    <message>
        <source>See the gateway log</source>
        <translation>请查看网关日志</translation>
    </message>
    <message>
        <source>stopped cleanly (exit code %1) in %2</source>
        <translation>已正常停止（退出码 %1），用时 %2</translation>
    </message>
    <message>
        <source>did not stop within the grace period; killed (stop took %1)</source>
        <translation>未在宽限期内停止，已强制结束（停止用时 %1）</translation>
    </message>
    <message>
        <source>exited with code 78 (EX_CONFIG) after %1</source>
        <translation>运行 %1后以退出码 78（EX_CONFIG）退出</translation>
    </message>
    <message>
        <source>exited unexpectedly with code %1 after %2</source>
        <translation>运行 %2后意外退出，退出码 %1</translation>
    </message>
    <message>
        <source>crashed with signal %1 (%2) after %3</source>
        <translation>运行 %3后因信号 %1（%2）崩溃</translation>
    </message>
    <message>
        <source>could not be started: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>The gateway rejected ClawTray&apos;s token: the gateway was started with a different one.</source>
        <translation>网关拒绝了 ClawTray 的令牌：网关启动时使用的是另一个令牌。</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token into ClawTray, or restart the gateway from ClawTray so it uses ClawTray&apos;s token.</source>
        <translation>请把网关的令牌导入 ClawTray，或从 ClawTray 重启网关，让它使用 ClawTray 的令牌。</translation>
    </message>
    <message>
        <source>ClawTray connected without a token, and the gateway requires one.</source>
        <translation>ClawTray 连接时没有令牌，而网关要求提供令牌。</translation>
    </message>
    <message>
        <source>Set the gateway token in ClawTray&apos;s settings, or restart the gateway from ClawTray so it uses ClawTray&apos;s token.</source>
        <translation>请在 ClawTray 的设置中设置网关令牌，或从 ClawTray 重启网关，让它使用 ClawTray 的令牌。</translation>
    </message>
    <message>
        <source>The gateway could not verify ClawTray&apos;s device signature.</source>
        <translation>网关无法验证 ClawTray 的设备签名。</translation>
    </message>
    <message>
        <source>Reconnect; if it keeps failing, remove ClawTray&apos;s device identity file so a new key is created.</source>
        <translation>请重新连接；如果一直失败，请删除 ClawTray 的设备身份文件，以便生成新的密钥。</translation>
    </message>
    <message>
        <source>The gateway rejected ClawTray&apos;s device signature as stale: this computer&apos;s clock and the gateway&apos;s differ by more than two minutes.</source>
        <translation>网关认为 ClawTray 的设备签名已过期而拒绝：本机时钟与网关的时钟相差超过两分钟。</translation>
    </message>
    <message>
        <source>Check the system clock (enable time synchronisation), then reconnect.</source>
        <translation>请检查系统时钟（开启时间同步），然后重新连接。</translation>
    </message>
    <message>
        <source>The handshake challenge did not match; the connection was probably reset during the handshake.</source>
        <translation>握手质询不匹配；连接很可能在握手过程中被重置。</translation>
    </message>
    <message>
        <source>Reconnect; ClawTray does this automatically.</source>
        <translation>请重新连接；ClawTray 会自动这样做。</translation>
    </message>
    <message>
        <source>The gateway refused ClawTray&apos;s credentials.</source>
        <translation>网关拒绝了 ClawTray 的凭据。</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token into ClawTray, or restart the gateway from ClawTray.</source>
        <translation>请把网关的令牌导入 ClawTray，或从 ClawTray 重启网关。</translation>
    </message>
    <message>
        <source>The gateway accepted ClawTray but did not grant the operator permission this action needs.</source>
        <translation>网关接受了 ClawTray，但没有授予这个操作所需的 operator 权限。</translation>
    </message>
    <message>
        <source>Connect with the gateway&apos;s token (import it, or restart the gateway from ClawTray) so operator scopes are granted.</source>
        <translation>请使用网关的令牌连接（导入它，或从 ClawTray 重启网关），以获得 operator 权限范围。</translation>
    </message>
    <message>
        <source>The gateway requires this device to be paired before it accepts it.</source>
        <translation>网关要求先配对这台设备才会接受它。</translation>
    </message>
    <message>
        <source>Approve the pairing request in OpenClaw, or connect with the gateway&apos;s token.</source>
        <translation>请在 OpenClaw 中批准配对请求，或使用网关的令牌连接。</translation>
    </message>
    <message>
        <source>The gateway speaks a different protocol version than ClawTray (the gateway expects v%1, ClawTray speaks v4).</source>
        <translation>网关使用的协议版本与 ClawTray 不同（网关期望 v%1，ClawTray 使用 v4）。</translation>
    </message>
    <message>
        <source>The gateway speaks a different protocol version than ClawTray (ClawTray speaks v4).</source>
        <translation>网关使用的协议版本与 ClawTray 不同（ClawTray 使用 v4）。</translation>
    </message>
    <message>
        <source>Update ClawTray, or install the gateway version this ClawTray supports.</source>
        <translation>请更新 ClawTray，或安装这个 ClawTray 支持的网关版本。</translation>
    </message>
    <message>
        <source>The gateway is still starting up.</source>
        <translation>网关仍在启动中。</translation>
    </message>
    <message>
        <source>Wait a moment; ClawTray retries automatically.</source>
        <translation>请稍候；ClawTray 会自动重试。</translation>
    </message>
    <message>
        <source>The gateway reported an error: %1</source>
        <translation>网关报告了错误：%1</translation>
    </message>
    <message>
        <source>waiting for port %1 to be free</source>
        <translation>正在等待端口 %1 空闲</translation>
    </message>
    <message>
        <source>watching %1 for a change</source>
        <translation>正在关注 %1 的变化</translation>
    </message>
    <message>
        <source>retrying every %1</source>
        <translation>每 %1重试一次</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>restart after start-up</source>
        <translation>启动完成后重启</translation>
    </message>
    <message>
        <source>restarting %1</source>
        <translation>正在重启 %1</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>正在重启</translation>
    </message>
    <message>
        <source>The gateway rejected its configuration: %1</source>
        <translation>网关拒绝了它的配置：%1</translation>
    </message>
    <message>
        <source>The gateway is running again.</source>
        <translation>网关已重新运行。</translation>
    </message>
    <message>
        <source>Fix %1 or run `openclaw doctor --fix` (the Run doctor --fix button); ClawTray starts the gateway again when the file changes.</source>
        <translation>请修正 %1，或运行 `openclaw doctor --fix`（“运行 doctor --fix”按钮）；文件变化后 ClawTray 会重新启动网关。</translation>
    </message>
    <message>
        <source>retrying start in %1</source>
        <translation>%1后重试启动</translation>
    </message>
    <message>
        <source>running openclaw doctor --fix</source>
        <translation>正在运行 openclaw doctor --fix</translation>
    </message>
    <message>
        <source>Fix %1 (or run doctor --fix); ClawTray starts the gateway again when the file changes.</source>
        <translation>请修正 %1（或运行 doctor --fix）；文件变化后 ClawTray 会重新启动网关。</translation>
    </message>
    <message>
        <source>the gateway exited cleanly; checking for a restart it asked for</source>
        <translation>网关已正常退出；正在检查它是否请求了重启</translation>
    </message>
    <message>
        <source>The gateway %1.</source>
        <translation>网关%1。</translation>
    </message>
    <message>
        <source>gateway restarting; reconnecting in %1</source>
        <translation>网关正在重启；%1后重新连接</translation>
    </message>
    <message>
        <source>connection lost; checking the gateway process</source>
        <translation>连接已断开；正在检查网关进程</translation>
    </message>
    <message>
        <source>%1 (last problem: %2)</source>
        <translation>%1（最后的问题：%2）</translation>
    </message>
    <message>
        <source>Check the gateway log, then start it again.</source>
        <translation>请查看网关日志，然后再次启动它。</translation>
    </message>
    <message>
        <source>restarting in %1 (attempt %2)</source>
        <translation>%1后重启（第 %2 次尝试）</translation>
    </message>
    <message>
        <source>reconnecting in %1 (attempt %2)</source>
        <translation>%1后重新连接（第 %2 次尝试）</translation>
    </message>
    <message>
        <source>The gateway keeps failing (%1); automatic restarts are paused</source>
        <translation>网关反复失败（%1）；自动重启已暂停</translation>
    </message>
    <message>
        <source>Check the gateway log and fix the cause, then start it again; ClawTray will also retry by itself.</source>
        <translation>请查看网关日志并修正原因，然后再次启动；ClawTray 也会自行重试。</translation>
    </message>
    <message>
        <source>checking OpenClaw&apos;s service %1</source>
        <translation>正在检查 OpenClaw 的服务 %1</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>正在启动 %1</translation>
    </message>
    <message>
        <source>See `systemctl --user status %1` and `journalctl --user -u %1`, or let ClawTray manage the gateway instead (`clawtray ctl takeover`).</source>
        <translation>请查看 `systemctl --user status %1` 和 `journalctl --user -u %1`，或改由 ClawTray 管理网关（`clawtray ctl takeover`）。</translation>
    </message>
    <message>
        <source>stopping %1</source>
        <translation>正在停止 %1</translation>
    </message>
    <message>
        <source>stopping and disabling %1</source>
        <translation>正在停止并禁用 %1</translation>
    </message>
    <message>
        <source>enabling and starting %1</source>
        <translation>正在启用并启动 %1</translation>
    </message>
    <message>
        <source>checking port %1</source>
        <translation>正在检查端口 %1</translation>
    </message>
    <message>
        <source>The gateway process is no longer running</source>
        <translation>网关进程已不在运行</translation>
    </message>
    <message>
        <source>Stop that gateway, choose another port, or set the foreign-gateway policy to attach or take over.</source>
        <translation>请停止那个网关、选择其他端口，或把外部网关策略设为连接（attach）或接管（takeover）。</translation>
    </message>
    <message>
        <source>Use another port in Settings, or stop that process.</source>
        <translation>请在设置中使用其他端口，或停止那个进程。</translation>
    </message>
    <message>
        <source>Use another port in Settings.</source>
        <translation>请在设置中使用其他端口。</translation>
    </message>
    <message>
        <source>Quit the other ClawTray first.</source>
        <translation>请先退出另一个 ClawTray。</translation>
    </message>
    <message>
        <source>Another OpenClaw gateway (%1) already owns the state dir %2</source>
        <translation>另一个 OpenClaw 网关（%1）已占用状态目录 %2</translation>
    </message>
    <message>
        <source>Stop that gateway, use another state dir, or set the foreign-gateway policy to attach.</source>
        <translation>请停止那个网关、使用其他状态目录，或把外部网关策略设为连接（attach）。</translation>
    </message>
    <message>
        <source>waiting for the previous gateway&apos;s helpers to exit</source>
        <translation>正在等待上一个网关的辅助进程退出</translation>
    </message>
    <message>
        <source>The gateway runtime (Node 24 and openclaw) was not found</source>
        <translation>找不到网关运行环境（Node 24 和 openclaw）</translation>
    </message>
    <message>
        <source>The gateway runtime is not usable (Node &apos;%1&apos;, openclaw &apos;%2&apos;)</source>
        <translation>网关运行环境不可用（Node “%1”，openclaw “%2”）</translation>
    </message>
    <message>
        <source>Correct the path in Settings, or leave it empty to use ClawTray&apos;s own runtime.</source>
        <translation>请在设置中修正路径，或留空以使用 ClawTray 自带的运行环境。</translation>
    </message>
    <message>
        <source>Install it with `clawtray-install-runtime` (or scripts/setup.sh in a source checkout), or set the Node and openclaw paths in Settings.</source>
        <translation>请用 `clawtray-install-runtime` 安装（源码目录中可用 scripts/setup.sh），或在设置中指定 Node 和 openclaw 的路径。</translation>
    </message>
    <message>
        <source>starting the gateway process</source>
        <translation>正在启动网关进程</translation>
    </message>
    <message>
        <source>A gateway process is still running</source>
        <translation>仍有网关进程在运行</translation>
    </message>
    <message>
        <source>waiting for the gateway to become ready</source>
        <translation>正在等待网关就绪</translation>
    </message>
    <message>
        <source>ClawTray starts again once port %1 is free; stop that process or choose another port.</source>
        <translation>端口 %1 空闲后 ClawTray 会再次启动；请停止那个进程或选择其他端口。</translation>
    </message>
    <message>
        <source>The gateway did not become ready within %1 (%2)</source>
        <translation>网关没有在 %1内就绪（%2）</translation>
    </message>
    <message>
        <source>Check the gateway log; a slow machine may need a longer ready timeout.</source>
        <translation>请查看网关日志；较慢的机器可能需要更长的就绪超时。</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>An OpenClaw gateway that ClawTray did not start is running on port %1 and rejected ClawTray&apos;s token (%2).</source>
        <translation>端口 %1 上运行着一个不是由 ClawTray 启动的 OpenClaw 网关，它拒绝了 ClawTray 的令牌（%2）。</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token in Settings, or let ClawTray take over the port.</source>
        <translation>请在设置中导入网关的令牌，或让 ClawTray 接管这个端口。</translation>
    </message>
    <message>
        <source>Install the OpenClaw version ClawTray supports (scripts/setup.sh).</source>
        <translation>请安装 ClawTray 支持的 OpenClaw 版本（scripts/setup.sh）。</translation>
    </message>
    <message>
        <source>The gateway could not be started: %1</source>
        <translation>无法启动网关：%1</translation>
    </message>
    <message>
        <source>The gateway %1 before becoming ready</source>
        <translation>网关在就绪之前%1</translation>
    </message>
    <message>
        <source>Check the Node path in Settings, or install the runtime with scripts/setup.sh.</source>
        <translation>请检查设置中的 Node 路径，或用 scripts/setup.sh 安装运行环境。</translation>
    </message>
    <message>
        <source>automatic reload is off</source>
        <translation>自动重载已关闭</translation>
    </message>
    <message>
        <source>gateway is not running</source>
        <translation>网关未在运行</translation>
    </message>
    <message>
        <source>gateway was started outside ClawTray</source>
        <translation>网关不是由 ClawTray 启动的</translation>
    </message>
    <message>
        <source>the configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>the %1 change</source>
        <translation>%1的更改</translation>
    </message>
    <message>
        <source>%1 changed settings</source>
        <translation>%1 项已更改的设置</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重载</translation>
    </message>
    <message>
        <source>openclaw.json changed</source>
        <translation>openclaw.json 已更改</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings (%1)</source>
        <translation>设置（%1）</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Node path</source>
        <translation>Node 路径</translation>
    </message>
    <message>
        <source>OpenClaw folder</source>
        <translation>OpenClaw 文件夹</translation>
    </message>
    <message>
        <source>state directory</source>
        <translation>状态目录</translation>
    </message>
    <message>
        <source>config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>extra arguments</source>
        <translation>额外参数</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>process restart</source>
        <translation>重启进程</translation>
    </message>
    <message>
        <source>in-process restart</source>
        <translation>进程内重启</translation>
    </message>
    <message>
        <source>applies at next start</source>
        <translation>下次启动时生效</translation>
    </message>
    <message>
        <source>nothing to restart</source>
        <translation>无需重启</translation>
    </message>
    <message>
        <source>Reloading %1 in %2 — %3</source>
        <translation>%2后重载%1 — %3</translation>
    </message>
    <message>
        <source>Applying %1 in %2 — %3</source>
        <translation>%2后应用%1 — %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>restarting the gateway process</source>
        <translation>正在重启网关进程</translation>
    </message>
    <message>
        <source>restarting the gateway in process</source>
        <translation>正在进程内重启网关</translation>
    </message>
    <message>
        <source>nothing restarted now; applies at the next start</source>
        <translation>现在不重启；下次启动时生效</translation>
    </message>
    <message>
        <source>nothing restarted now; applies at the next start (%1)</source>
        <translation>现在不重启；下次启动时生效（%1）</translation>
    </message>
    <message>
        <source>saved; applies at the next start</source>
        <translation>已保存；下次启动时生效</translation>
    </message>
    <message>
        <source>saved; applies at the next start (%1)</source>
        <translation>已保存；下次启动时生效（%1）</translation>
    </message>
    <message>
        <source>nothing needed a restart</source>
        <translation>无需重启</translation>
    </message>
    <message>
        <source>the in-process restart was refused: %1; the change applies at the next start</source>
        <translation>进程内重启被拒绝：%1；更改将在下次启动时生效</translation>
    </message>
    <message>
        <source>in-process restart deferred by the gateway (active work); it restarts once that work is done</source>
        <translation>网关推迟了进程内重启（有正在进行的工作）；工作完成后会重启</translation>
    </message>
    <message>
        <source>in-process restart deferred by the gateway (%1); it restarts once that work is done</source>
        <translation>网关推迟了进程内重启（%1）；工作完成后会重启</translation>
    </message>
    <message>
        <source>restarted in process in %1</source>
        <translation>已在进程内重启，用时 %1</translation>
    </message>
    <message>
        <source>restarted the gateway process in %1</source>
        <translation>已重启网关进程，用时 %1</translation>
    </message>
    <message>
        <source>the restart did not complete (%1)</source>
        <translation>重启没有完成（%1）</translation>
    </message>
    <message>
        <source>applied live (ClawTray&apos;s own setting; the gateway keeps running)</source>
        <translation>已即时生效（ClawTray 自身的设置；网关继续运行）</translation>
    </message>
    <message>
        <source>%1 settings applied live (ClawTray&apos;s own; the gateway keeps running)</source>
        <translation>%1 项设置已即时生效（ClawTray 自身的设置；网关继续运行）</translation>
    </message>
    <message>
        <source>applied live by the gateway</source>
        <translation>已由网关即时应用</translation>
    </message>
    <message>
        <source>the gateway restarts in process to apply it</source>
        <translation>网关正在进程内重启以应用更改</translation>
    </message>
    <message>
        <source>saved; applies when the gateway starts again</source>
        <translation>已保存；网关再次启动时生效</translation>
    </message>
    <message>
        <source>the gateway is in error</source>
        <translation>网关出错</translation>
    </message>
    <message>
        <source>reconnecting to the gateway</source>
        <translation>正在重新连接网关</translation>
    </message>
    <message>
        <source>automatic restarts are paused</source>
        <translation>自动重启已暂停</translation>
    </message>
    <message>
        <source>%1 heartbeat(s) without an answer</source>
        <translation>%1 次心跳没有应答</translation>
    </message>
    <message>
        <source>checking whether the gateway still answers</source>
        <translation>正在检查网关是否仍有响应</translation>
    </message>
    <message>
        <source>%1 call(s) failed in transport (last: %2)</source>
        <translation>%1 次调用在传输中失败（最近一次：%2）</translation>
    </message>
    <message>
        <source>gateway up, channels not ready: no detail</source>
        <translation>网关已运行，渠道未就绪：无详细信息</translation>
    </message>
    <message>
        <source>gateway up, channels not ready: %1</source>
        <translation>网关已运行，渠道未就绪：%1</translation>
    </message>
    <message>
        <source>the external gateway does not answer</source>
        <translation>外部网关没有响应</translation>
    </message>
    <message>
        <source>the gateway does not answer</source>
        <translation>网关没有响应</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>running, not connected</source>
        <translation>运行中，未连接</translation>
    </message>
    <message>
        <source>channels unknown</source>
        <translation>渠道情况未知</translation>
    </message>
    <message>
        <source>channels unknown (%1)</source>
        <translation>渠道情况未知（%1）</translation>
    </message>
    <message>
        <source>no channels configured</source>
        <translation>没有配置渠道</translation>
    </message>
    <message>
        <source>%1 connected</source>
        <translation>%1 已连接</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 of %2 channel accounts need attention: %3</source>
        <translation>%2 个渠道账号中有 %1 个需要处理：%3</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <source>agent %1</source>
        <translation>代理 %1</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>host %1 (%2)</source>
        <translation>主机 %1（%2）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 asks for more node commands</source>
        <translation>%1 请求更多节点命令</translation>
    </message>
    <message>
        <source>%1 asks for more node commands: %2</source>
        <translation>%1 请求更多节点命令：%2</translation>
    </message>
    <message>
        <source>%1 wants to pair as a node</source>
        <translation>%1 想以节点身份配对</translation>
    </message>
    <message>
        <source>%1 wants to pair as a node: %2</source>
        <translation>%1 想以节点身份配对：%2</translation>
    </message>
    <message>
        <source>%1 asks for more access: %2</source>
        <translation>%1 请求更多权限：%2</translation>
    </message>
    <message>
        <source>%1 asks for more access: %2 with %3</source>
        <translation>%1 请求更多权限：%2，范围 %3</translation>
    </message>
    <message>
        <source>%1 wants to pair as %2</source>
        <translation>%1 想以 %2 身份配对</translation>
    </message>
    <message>
        <source>%1 wants to pair as %2 with %3</source>
        <translation>%1 想以 %2 身份配对，范围 %3</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>was killed without a grace period (stop took %1)</source>
        <translation>被立即强制结束（停止用时 %1）</translation>
    </message>
    <message>
        <source>The OpenClaw install in %1 has no readable version; reinstall the runtime.</source>
        <translation>%1 中的 OpenClaw 安装读不出版本号；请重新安装运行环境。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>Cannot move %1 into %2.</source>
        <translation>无法把 %1 移入 %2。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is not installed completely in %2.</source>
        <translation>%2 中的 OpenClaw %1 没有安装完整。</translation>
    </message>
    <message>
        <source>Cannot point %1 at OpenClaw %2.</source>
        <translation>无法让 %1 指向 OpenClaw %2。</translation>
    </message>
    <message>
        <source>Already updating (OpenClaw %1 → %2).</source>
        <translation>正在更新中（OpenClaw %1 → %2）。</translation>
    </message>
    <message>
        <source>ClawTray is still starting; try again in a moment.</source>
        <translation>ClawTray 仍在启动，请稍后再试。</translation>
    </message>
    <message>
        <source>The Node and openclaw paths in Settings point to an install ClawTray did not make; update that one the way it was installed, or clear the paths to use ClawTray&apos;s runtime.</source>
        <translation>设置中的 Node 和 openclaw 路径指向的不是 ClawTray 安装的运行环境；请按它原来的安装方式更新，或清空这些路径以使用 ClawTray 的运行环境。</translation>
    </message>
    <message>
        <source>The gateway on the port was not started by ClawTray; update it with `openclaw update` where it runs.</source>
        <translation>这个端口上的网关不是 ClawTray 启动的；请在它运行的地方用 `openclaw update` 更新。</translation>
    </message>
    <message>
        <source>No OpenClaw install is active in %1; install the runtime first (clawtray-install-runtime).</source>
        <translation>%1 中没有正在使用的 OpenClaw 安装；请先安装运行环境（clawtray-install-runtime）。</translation>
    </message>
    <message>
        <source>There is no previous OpenClaw version to roll back to.</source>
        <translation>没有可以回退到的上一个 OpenClaw 版本。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an OpenClaw version (like 2026.9.6).</source>
        <translation>“%1”不是 OpenClaw 的版本号（例如 2026.9.6）。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is already the version in use.</source>
        <translation>正在使用的已经是 OpenClaw %1。</translation>
    </message>
    <message>
        <source>Asking the npm registry for the newest OpenClaw</source>
        <translation>正在向 npm 仓库查询最新的 OpenClaw</translation>
    </message>
    <message>
        <source>No update check is available.</source>
        <translation>无法检查更新。</translation>
    </message>
    <message>
        <source>The npm registry named no version.</source>
        <translation>npm 仓库没有给出版本号。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is the newest version of the %2 channel.</source>
        <translation>OpenClaw %1 已是 %2 渠道的最新版本。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is already installed beside %2</source>
        <translation>OpenClaw %1 已安装在 %2 旁边</translation>
    </message>
    <message>
        <source>Installing OpenClaw %1 beside %2</source>
        <translation>正在把 OpenClaw %1 安装到 %2 旁边</translation>
    </message>
    <message>
        <source>Cannot write to %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Installing OpenClaw %1 failed (npm: %2).</source>
        <translation>安装 OpenClaw %1 失败（npm：%2）。</translation>
    </message>
    <message>
        <source>npm installed OpenClaw %1 instead of %2.</source>
        <translation>npm 装上的是 OpenClaw %1，而不是 %2。</translation>
    </message>
    <message>
        <source>OpenClaw %1 was installed but cannot run: %2</source>
        <translation>OpenClaw %1 已安装，但无法运行：%2</translation>
    </message>
    <message>
        <source>Backing up the gateway&apos;s state with OpenClaw %1</source>
        <translation>正在用 OpenClaw %1 备份网关的状态</translation>
    </message>
    <message>
        <source>The backup before the update failed (%1); nothing was changed.</source>
        <translation>更新前的备份失败（%1）；没有做任何更改。</translation>
    </message>
    <message>
        <source>Copying the state database for the check failed (%1); nothing was changed.</source>
        <translation>为检查复制状态数据库失败（%1）；没有做任何更改。</translation>
    </message>
    <message>
        <source>Checking that OpenClaw %1 can use the state database</source>
        <translation>正在检查 OpenClaw %1 能否使用状态数据库</translation>
    </message>
    <message>
        <source>OpenClaw %1 could not check the state database (%2); nothing was changed.</source>
        <translation>OpenClaw %1 无法检查状态数据库（%2）；没有做任何更改。</translation>
    </message>
    <message>
        <source>OpenClaw %1 cannot use this state database (%2, schema %3 found %4); nothing was changed.</source>
        <translation>OpenClaw %1 无法使用这个状态数据库（%2，需要架构版本 %3，实际为 %4）；没有做任何更改。</translation>
    </message>
    <message>
        <source>Waiting until the gateway has no active runs</source>
        <translation>正在等待网关没有进行中的运行</translation>
    </message>
    <message>
        <source>The gateway stayed busy (%1); nothing was changed. Try again later, or update now anyway.</source>
        <translation>网关一直处于忙碌状态（%1）；没有做任何更改。请稍后再试，或选择立即更新。</translation>
    </message>
    <message>
        <source>Stopping OpenClaw %1</source>
        <translation>正在停止 OpenClaw %1</translation>
    </message>
    <message>
        <source>The gateway did not stop; nothing was changed.</source>
        <translation>网关没有停止；没有做任何更改。</translation>
    </message>
    <message>
        <source>Switching to OpenClaw %1</source>
        <translation>正在切换到 OpenClaw %1</translation>
    </message>
    <message>
        <source>Copying the state aside failed (%1); nothing was changed.</source>
        <translation>把状态另存一份失败（%1）；没有做任何更改。</translation>
    </message>
    <message>
        <source>Starting OpenClaw %1 and checking it</source>
        <translation>正在启动并检查 OpenClaw %1</translation>
    </message>
    <message>
        <source>OpenClaw %1 cannot read the state the newer version migrated, so the state from before that update came back: changes made since then are not in it (the newer state is kept in %2).</source>
        <translation>OpenClaw %1 读不了新版本迁移后的状态，因此恢复了那次更新之前的状态：之后做的更改不在其中（新版本的状态保存在 %2）。</translation>
    </message>
    <message>
        <source>OpenClaw %1 did not start: %2</source>
        <translation>OpenClaw %1 没有启动：%2</translation>
    </message>
    <message>
        <source>The gateway that started reports version %1, not %2.</source>
        <translation>启动的网关报告的版本是 %1，而不是 %2。</translation>
    </message>
    <message>
        <source>OpenClaw %1 did not become ready within %2.</source>
        <translation>OpenClaw %1 在 %2 内没有就绪。</translation>
    </message>
    <message>
        <source>Going back to OpenClaw %1</source>
        <translation>正在回到 OpenClaw %1</translation>
    </message>
    <message>
        <source>Going back failed too (%1). Restore the backup %2 with `openclaw backup restore`, then start the gateway.</source>
        <translation>回退也失败了（%1）。请用 `openclaw backup restore` 恢复备份 %2，然后启动网关。</translation>
    </message>
    <message>
        <source>OpenClaw %1 runs again with the state it had before. The failed version&apos;s output is in the diagnostics export.</source>
        <translation>OpenClaw %1 已恢复运行，状态与之前相同。失败版本的输出在诊断导出中。</translation>
    </message>
    <message>
        <source>OpenClaw %1 was put back but did not start either; see the gateway&apos;s problem in the window.</source>
        <translation>已换回 OpenClaw %1，但它也没有启动；请在窗口中查看网关的问题。</translation>
    </message>
    <message>
        <source>Cannot copy %1: %2</source>
        <translation>无法复制 %1：%2</translation>
    </message>
    <message>
        <source>The copy of the state in %1 is missing.</source>
        <translation>%1 中的状态副本不见了。</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Could not check for updates (the npm registry did not answer; %1). ClawTray tries again later.</source>
        <translation>无法检查更新（npm 仓库没有应答；%1）。ClawTray 稍后会再试。</translation>
    </message>
    <message>
        <source>Could not check for updates: npm is not installed (%1).</source>
        <translation>无法检查更新：没有安装 npm（%1）。</translation>
    </message>
    <message>
        <source>OpenClaw %1 → %2 available (%3)</source>
        <translation>OpenClaw %1 → %2 可用（%3）</translation>
    </message>
    <message>
        <source>npm finished, but OpenClaw %1 is not in %2.</source>
        <translation>npm 已完成，但 %2 中没有 OpenClaw %1。</translation>
    </message>
    <message>
        <source>In effect: %1 — set by --port on the command line. Saving another port here replaces it.</source>
        <translation>当前生效：%1 —— 由命令行的 --port 指定。在这里保存其他端口会替换它。</translation>
    </message>
    <message>
        <source>In effect: %1 — the port the gateway&apos;s own configuration names (%2).</source>
        <translation>当前生效：%1 —— 网关自己的配置（%2）中指定的端口。</translation>
    </message>
    <message>
        <source>In effect: %1 — set by --state-dir on the command line. Saving another directory here replaces it.</source>
        <translation>当前生效：%1 —— 由命令行的 --state-dir 指定。在这里保存其他目录会替换它。</translation>
    </message>
    <message>
        <source>ClawTray stopped in the middle of the update to OpenClaw %1.</source>
        <translation>ClawTray 在更新到 OpenClaw %1 的中途停止了。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is in use again with the state it had before.</source>
        <translation>已重新使用 OpenClaw %1，状态与之前相同。</translation>
    </message>
    <message>
        <source>Putting the state back failed (%1). Restore the backup in %2 with `openclaw backup restore`.</source>
        <translation>恢复状态失败（%1）。请用 `openclaw backup restore` 恢复 %2 中的备份。</translation>
    </message>
    <message>
        <source>OpenClaw %1 did not stop, so ClawTray left everything as it is. Stop it (or end its process), then roll back to %2 in the window or with `clawtray ctl update --rollback`.</source>
        <translation>OpenClaw %1 没有停止，因此 ClawTray 没有做任何改动。请停止它（或结束它的进程），然后在窗口中或用 `clawtray ctl update --rollback` 回退到 %2。</translation>
    </message>
    <message>
        <source>reading the gateway token from %1</source>
        <translation>正在从%1读取网关令牌</translation>
    </message>
    <message>
        <source>waiting for the keychain: if it asks for your password, unlock your keyring (ClawTray goes on by itself)</source>
        <translation>正在等待密钥环：如果它要求输入密码，请解锁密钥环（ClawTray 会自动继续）</translation>
    </message>
    <message>
        <source>Fix the token file named above, or choose another place for the token in Settings › Token.</source>
        <translation>请修复上面提到的令牌文件，或在“设置 › 令牌”中为令牌选择其他保存位置。</translation>
    </message>
    <message>
        <source>the gateway token could not be loaded</source>
        <translation>无法加载网关令牌</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>The token could not be moved to %1: %2</source>
        <translation>无法把令牌移到%1：%2</translation>
    </message>
    <message>
        <source>Another ClawTray (pid %1) is supervising the gateway (pid %2). Quit it first, or use its window / `clawtray ctl`.</source>
        <translation>另一个 ClawTray（pid %1）正在管理网关（pid %2）。请先退出它，或使用它的窗口 / `clawtray ctl`。</translation>
    </message>
    <message>
        <source>Port %1 cannot be used (%2). Choose another port in Settings.</source>
        <translation>无法使用端口 %1（%2）。请在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>Port %1 is used by a process ClawTray cannot identify (probably another user&apos;s). Choose another port in Settings.</source>
        <translation>端口 %1 被一个 ClawTray 无法识别的进程占用（可能属于其他用户）。请在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>Port %1 is used by ClawTray&apos;s own process tree (%2); it will not be touched. Choose another port in Settings.</source>
        <translation>端口 %1 被 ClawTray 自己的进程树占用（%2），不会对其进行任何操作。请在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>Port %1 is used by %2, which is not an OpenClaw gateway. ClawTray will not stop it: stop it yourself or choose another port in Settings.</source>
        <translation>端口 %1 被 %2 占用，它不是 OpenClaw 网关。ClawTray 不会停止它：请自行停止它，或在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>An OpenClaw gateway that ClawTray did not start is listening on port %1 (%2).</source>
        <translation>一个并非由 ClawTray 启动的 OpenClaw 网关正在监听端口 %1（%2）。</translation>
    </message>
    <message>
        <source>Port %1 is busy but its owner is unknown.</source>
        <translation>端口 %1 已被占用，但无法确定占用者。</translation>
    </message>
    <message>
        <source>Port %1 is still in use %2 after stopping the old gateway.</source>
        <translation>停止旧网关 %2 后，端口 %1 仍被占用。</translation>
    </message>
    <message>
        <source>%1 (automatic choice)</source>
        <translation>%1（自动选择）</translation>
    </message>
    <message>
        <source>%1 (automatic choice: no keychain)</source>
        <translation>%1（自动选择：没有可用的密钥环）</translation>
    </message>
    <message>
        <source>the system keychain if one answers, otherwise %1</source>
        <translation>系统密钥环（如果可用），否则为%1</translation>
    </message>
    <message>
        <source>%1. The gateway token is kept in the system keychain (chosen automatically earlier); unlock your keyring, or log in to a session that has one.</source>
        <translation>%1。网关令牌保存在系统密钥环中（之前自动选择）；请解锁密钥环，或登录到带有密钥环的会话。</translation>
    </message>
    <message>
        <source>the file %1 (readable only by you)</source>
        <translation>文件 %1（仅你可读）</translation>
    </message>
    <message>
        <source>No token file at %1 yet</source>
        <translation>%1 处还没有令牌文件</translation>
    </message>
    <message>
        <source>The token file %1 is readable by other users and could not be restricted</source>
        <translation>令牌文件 %1 可被其他用户读取，且无法限制其权限</translation>
    </message>
    <message>
        <source>Could not read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>The token file %1 is empty</source>
        <translation>令牌文件 %1 是空的</translation>
    </message>
    <message>
        <source>Could not write the token file %1: %2</source>
        <translation>无法写入令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>Could not remove the token file %1: %2</source>
        <translation>无法删除令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>No gateway token is stored in the system keychain yet</source>
        <translation>系统密钥环中还没有保存网关令牌</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied (%1)</source>
        <translation>访问系统密钥环被拒绝（%1）</translation>
    </message>
    <message>
        <source>The system keychain reported an error: %1</source>
        <translation>系统密钥环报告了一个错误：%1</translation>
    </message>
    <message>
        <source>the system keychain (service &quot;%1&quot;, key &quot;%2&quot;)</source>
        <translation>系统密钥环（服务“%1”，键“%2”）</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). secrets/tokenStorage is set to keychain, which requires one: unlock or start your keyring, or set tokenStorage=auto (or file) in clawtray.ini or the Settings dialog to keep the token in a file readable only by you</source>
        <translation>系统密钥环不可用（%1）。secrets/tokenStorage 设置为 keychain，这需要一个密钥环：请解锁或启动密钥环，或在 clawtray.ini 或设置对话框中把 tokenStorage 设为 auto（或 file），把令牌保存在只有你能读取的文件中</translation>
    </message>
    <message>
        <source>The system keychain did not hand over the gateway token ClawTray keeps there (it is probably locked, or its unlock was cancelled). Unlock your keyring and try again; %1 No new token is made (if the keychain entry was deleted on purpose, regenerate the token in Settings › Token).</source>
        <translation>系统密钥环没有交出 ClawTray 保存在其中的网关令牌（它可能已锁定，或解锁被取消）。请解锁密钥环后重试；%1 不会生成新令牌（如果密钥环条目是有意删除的，请在“设置 › 令牌”中重新生成令牌）。</translation>
    </message>
    <message>
        <source>ClawTray then uses the token it stored there.</source>
        <translation>随后 ClawTray 会使用保存在其中的令牌。</translation>
    </message>
    <message>
        <source>ClawTray then moves it to %1.</source>
        <translation>随后 ClawTray 会把它移到%1。</translation>
    </message>
    <message>
        <source>Unlock your keyring: ClawTray notices it and goes on by itself. Or keep the token in a file only you can read (Settings › Token).</source>
        <translation>请解锁密钥环：ClawTray 会察觉并自动继续。也可以把令牌保存在只有你能读取的文件中（设置 › 令牌）。</translation>
    </message>
    <message>
        <source>The system keychain has not answered (it may be waiting for your password).</source>
        <translation>系统密钥环没有响应（它可能在等待你输入密码）。</translation>
    </message>
    <message>
        <source>Repairing with OpenClaw %1&apos;s doctor</source>
        <translation>正在用 OpenClaw %1 的 doctor 修复</translation>
    </message>
    <message>
        <source>let go of its ports and state in %1 (its exit goes on in the background)</source>
        <translation>已在 %1 内释放其端口和状态（其退出在后台继续）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the lease was written before the machine last booted</source>
        <translation>该租约写于本机上次启动之前</translation>
    </message>
    <message>
        <source>pid %1 is gone or now a different process</source>
        <translation>pid %1 已不存在，或已是另一个进程</translation>
    </message>
    <message>
        <source>pid %1 belongs to another user</source>
        <translation>pid %1 属于另一个用户</translation>
    </message>
    <message>
        <source>pid %1 (%2) does not carry the lease&apos;s tag, so ClawTray did not start it</source>
        <translation>pid %1（%2）不带有该租约的标记，因此不是 ClawTray 启动的</translation>
    </message>
    <message>
        <source>Node at %1 could not be started: %2</source>
        <translation>无法启动位于 %1 的 Node：%2</translation>
    </message>
    <message>
        <source>Node at %1 did not report its version within %2</source>
        <translation>位于 %1 的 Node 未在 %2 内报告其版本</translation>
    </message>
    <message>
        <source>Node at %1 failed to report its version (exit code %2)</source>
        <translation>位于 %1 的 Node 未能报告其版本（退出代码 %2）</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 has no readable version</source>
        <translation>%1 中没有可读的版本号</translation>
    </message>
    <message>
        <source>could not copy %1 to %2: %3</source>
        <translation>无法将 %1 复制到 %2：%3</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>the gateway manager is not ready yet</source>
        <translation>网关管理器尚未就绪</translation>
    </message>
    <message>
        <source>The settings were saved, but launch at login could not be changed: %1</source>
        <translation>设置已保存，但无法更改登录时启动：%1</translation>
    </message>
    <message>
        <source>cannot create the instance lock %1</source>
        <translation>无法创建实例锁 %1</translation>
    </message>
    <message>
        <source>the running instance did not answer</source>
        <translation>正在运行的实例没有应答</translation>
    </message>
    <message>
        <source>cannot create the device identity: %1</source>
        <translation>无法创建设备身份：%1</translation>
    </message>
    <message>
        <source>the process serving %1 runs as uid %2, not as this user</source>
        <translation>提供 %1 的进程以 uid %2 运行，而不是当前用户</translation>
    </message>
    <message>
        <source>the control socket path must be absolute (got &apos;%1&apos;)</source>
        <translation>控制套接字路径必须是绝对路径（收到的是“%1”）</translation>
    </message>
    <message>
        <source>cannot inspect %1: %2</source>
        <translation>无法检查 %1：%2</translation>
    </message>
    <message>
        <source>refusing to put the control socket in %1 (%2): it must be a directory owned by this user and writable by nobody else (use a private directory such as $XDG_RUNTIME_DIR)</source>
        <translation>拒绝把控制套接字放在 %1（%2）：该目录必须属于当前用户且其他人不可写（请使用私有目录，例如 $XDG_RUNTIME_DIR）</translation>
    </message>
    <message>
        <source>%1 exists and is not a socket; remove it or choose another path</source>
        <translation>%1 已存在且不是套接字；请删除它或选择其他路径</translation>
    </message>
    <message>
        <source>another ClawTray is already running (control socket %1)</source>
        <translation>另一个 ClawTray 已在运行（控制套接字 %1）</translation>
    </message>
    <message>
        <source>cannot remove the stale control socket %1: %2</source>
        <translation>无法删除残留的控制套接字 %1：%2</translation>
    </message>
    <message>
        <source>cannot open the instance lock %1: %2</source>
        <translation>无法打开实例锁 %1：%2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>No directory given</source>
        <translation>未指定目录</translation>
    </message>
    <message>
        <source>Could not create the directory %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 不是目录</translation>
    </message>
    <message>
        <source>%1 belongs to another user; refusing to use it</source>
        <translation>%1 属于其他用户；拒绝使用</translation>
    </message>
    <message>
        <source>Could not restrict %1 to its owner (chmod 0700)</source>
        <translation>无法将 %1 限制为仅所有者可用（chmod 0700）</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; ClawTray does not write through links (choose the file it points to, or another name)</source>
        <translation>%1 是符号链接；ClawTray 不会通过链接写入（请选择它指向的文件，或换一个名称）</translation>
    </message>
    <message>
        <source>%1 exists and is not a regular file</source>
        <translation>%1 已存在且不是普通文件</translation>
    </message>
    <message>
        <source>%1 belongs to another user (uid %2)</source>
        <translation>%1 属于其他用户（uid %2）</translation>
    </message>
    <message>
        <source>%1 has other hard links; choose another name</source>
        <translation>%1 还有其他硬链接；请换一个名称</translation>
    </message>
    <message>
        <source>cannot create a file in %1: %2</source>
        <translation>无法在 %1 中创建文件：%2</translation>
    </message>
    <message>
        <source>cannot create a temporary file in %1</source>
        <translation>无法在 %1 中创建临时文件</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot replace %1: %2</source>
        <translation>无法替换 %1：%2</translation>
    </message>
    <message>
        <source>Could not remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>Could not create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>设置未保存：%1</translation>
    </message>
    <message>
        <source>Could not write the settings to %1</source>
        <translation>无法把设置写入 %1</translation>
    </message>
    <message>
        <source>Could not update the registry key %1</source>
        <translation>无法更新注册表项 %1</translation>
    </message>
    <message>
        <source>The Windows Run key is only available on Windows</source>
        <translation>Windows 的 Run 注册表项仅在 Windows 上可用</translation>
    </message>
    <message>
        <source>already resolving</source>
        <translation>正在解析中</translation>
    </message>
    <message>
        <source>`script` (util-linux) is needed to ask OpenClaw for the token</source>
        <translation>需要 `script`（util-linux）才能向 OpenClaw 询问令牌</translation>
    </message>
    <message>
        <source>the gateway runtime is not installed</source>
        <translation>网关运行时未安装</translation>
    </message>
    <message>
        <source>`openclaw gateway auth-token --show` did not answer in time</source>
        <translation>`openclaw gateway auth-token --show` 没有及时应答</translation>
    </message>
    <message>
        <source>cannot run `script` to ask OpenClaw for the token: %1</source>
        <translation>无法运行 `script` 向 OpenClaw 询问令牌：%1</translation>
    </message>
    <message>
        <source>OpenClaw could not resolve gateway.auth.token (`openclaw gateway auth-token --show` crashed)</source>
        <translation>OpenClaw 无法解析 gateway.auth.token（`openclaw gateway auth-token --show` 崩溃了）</translation>
    </message>
    <message>
        <source>OpenClaw could not resolve gateway.auth.token (`openclaw gateway auth-token --show` exited with %1)</source>
        <translation>OpenClaw 无法解析 gateway.auth.token（`openclaw gateway auth-token --show` 以 %1 退出）</translation>
    </message>
    <message>
        <source>OpenClaw&apos;s service does not manage this gateway; ClawTray already does</source>
        <translation>OpenClaw 的服务并不管理这个网关；ClawTray 已经在管理它</translation>
    </message>
    <message>
        <source>superseded by another action</source>
        <translation>已被另一个操作取代</translation>
    </message>
    <message>
        <source>OpenClaw&apos;s service %1 already manages the gateway</source>
        <translation>OpenClaw 的服务 %1 已经在管理网关</translation>
    </message>
    <message>
        <source>OpenClaw&apos;s gateway service is not installed for this state dir</source>
        <translation>没有为这个状态目录安装 OpenClaw 的网关服务</translation>
    </message>
    <message>
        <source>systemctl could not %1 %2 (%3)%4</source>
        <translation>systemctl 无法对 %2 执行 %1（%3）%4</translation>
    </message>
</context>
<context>
    <name>clawtray::AboutDialog</name>
    <message>
        <source>About ClawTray</source>
        <translation>关于 ClawTray</translation>
    </message>
    <message>
        <source>ClawTray</source>
        <translation>ClawTray</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Gateway token</source>
        <translation>网关令牌</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>Gateway runtime</source>
        <translation>网关运行环境</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>&lt;b&gt;ClawTray %1&lt;/b&gt;&lt;br&gt;A native supervisor for the OpenClaw gateway: it runs the gateway, keeps it healthy and shows what it does.</source>
        <translation>&lt;b&gt;ClawTray %1&lt;/b&gt;&lt;br&gt;OpenClaw 网关的原生守护程序：运行网关、保持其健康，并显示它在做什么。</translation>
    </message>
    <message>
        <source>Built on Qt 6 (LGPL-3.0), QtKeychain (BSD-3-Clause), spdlog (MIT) and OpenSSL (Apache-2.0). OpenClaw and Node.js are MIT-licensed.</source>
        <translation>基于 Qt 6（LGPL-3.0）、QtKeychain（BSD-3-Clause）、spdlog（MIT）和 OpenSSL（Apache-2.0）构建。OpenClaw 和 Node.js 采用 MIT 许可证。</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;https://github.com/openclaw/openclaw#readme&quot;&gt;OpenClaw&lt;/a&gt; · &lt;a href=&quot;https://github.com/openclaw/openclaw/issues&quot;&gt;Report a gateway problem&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;https://github.com/openclaw/openclaw#readme&quot;&gt;OpenClaw&lt;/a&gt; · &lt;a href=&quot;https://github.com/openclaw/openclaw/issues&quot;&gt;报告网关问题&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Node %1</translation>
    </message>
    <message>
        <source>OpenClaw %1</source>
        <translation>OpenClaw %1</translation>
    </message>
</context>
<context>
    <name>clawtray::ApprovalPrompt</name>
    <message>
        <source>ClawTray — approve a command?</source>
        <translation>ClawTray — 批准这条命令吗？</translation>
    </message>
    <message>
        <source>&lt;b&gt;An agent wants to run a command&lt;/b&gt;</source>
        <translation>&lt;b&gt;一个智能体想要运行命令&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>允许一次</translation>
    </message>
    <message>
        <source>Allow always</source>
        <translation>始终允许</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>(no command text)</source>
        <translation>（没有命令内容）</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1后</translation>
    </message>
    <message>
        <source>agent %1</source>
        <translation>智能体 %1</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>host %1%2</source>
        <translation>主机 %1%2</translation>
    </message>
    <message>
        <source>%1 of %2 waiting</source>
        <translation>第 %1 个，共 %2 个等待中</translation>
    </message>
    <message>
        <source>The gateway does not offer this for this request</source>
        <translation>网关没有为这个请求提供此选项</translation>
    </message>
    <message>
        <source>Expires in %1 (then it is not run)</source>
        <translation>%1后过期（过期后不会运行）</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>clawtray::BrowserOpener</name>
    <message>
        <source>the system has no program to open it</source>
        <translation>系统没有可以打开它的程序</translation>
    </message>
    <message>
        <source>xdg-open ended with code %1</source>
        <translation>xdg-open 以代码 %1 结束</translation>
    </message>
</context>
<context>
    <name>clawtray::DesktopApp</name>
    <message>
        <source>ClawTray</source>
        <translation>ClawTray</translation>
    </message>
    <message>
        <source>ClawTray cannot start: %1</source>
        <translation>ClawTray 无法启动：%1</translation>
    </message>
    <message>
        <source>Another ClawTray is already running for this user (probably `clawtray --headless`). Control it with `clawtray ctl`, or stop it before starting the desktop app.</source>
        <translation>此用户已经有另一个 ClawTray 在运行（可能是 `clawtray --headless`）。请用 `clawtray ctl` 控制它，或者先停止它再启动桌面程序。</translation>
    </message>
</context>
<context>
    <name>clawtray::DesktopNotifier</name>
    <message>
        <source>Show ClawTray</source>
        <translation>显示 ClawTray</translation>
    </message>
</context>
<context>
    <name>clawtray::DiagnosticsTable</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断信息</translation>
    </message>
</context>
<context>
    <name>clawtray::DurationSpinBox</name>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>h</source>
        <translation>小时</translation>
    </message>
</context>
<context>
    <name>clawtray::GatewayActions</name>
    <message>
        <source>deferred: %1 active tasks</source>
        <translation>已推迟：有 %1 个任务正在进行</translation>
    </message>
    <message>
        <source>The gateway restarts once its work is done (%1).</source>
        <translation>网关会在当前工作完成后重启（%1）。</translation>
    </message>
    <message>
        <source>
Busy with: </source>
        <translation>
正在进行：</translation>
    </message>
    <message>
        <source>Safe restart</source>
        <translation>安全重启</translation>
    </message>
    <message>
        <source>Safe restart %1.</source>
        <translation>安全重启%1。</translation>
    </message>
    <message>
        <source>Safe restart failed: %1</source>
        <translation>安全重启失败：%1</translation>
    </message>
    <message>
        <source>openclaw doctor --fix finished; ClawTray starts the gateway again.</source>
        <translation>openclaw doctor --fix 已完成；ClawTray 将重新启动网关。</translation>
    </message>
    <message>
        <source>openclaw doctor --fix failed.

%1</source>
        <translation>openclaw doctor --fix 运行失败。

%1</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>诊断修复</translation>
    </message>
    <message>
        <source>Control UI</source>
        <translation>控制界面</translation>
    </message>
    <message>
        <source>Take over the gateway</source>
        <translation>接管网关</translation>
    </message>
    <message>
        <source>Hand back the gateway</source>
        <translation>交还网关</translation>
    </message>
    <message>
        <source>Run doctor --fix</source>
        <translation>运行 doctor --fix</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>Use another port…</source>
        <translation>使用其他端口…</translation>
    </message>
    <message>
        <source>Open settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token…</source>
        <translation>导入网关的令牌…</translation>
    </message>
    <message>
        <source>Token storage…</source>
        <translation>令牌存储…</translation>
    </message>
    <message>
        <source>Let ClawTray manage the gateway</source>
        <translation>让 ClawTray 管理网关</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>No browser opened the Control UI (%1). Install or set a default browser, or open %2 in a browser within ten minutes to pair it with the gateway.</source>
        <translation>没有浏览器打开控制界面（%1）。请安装或设置默认浏览器，或在十分钟内用浏览器打开 %2，使其与网关配对。</translation>
    </message>
</context>
<context>
    <name>clawtray::HealthPanel</name>
    <message>
        <source>Health:</source>
        <translation>健康状况：</translation>
    </message>
</context>
<context>
    <name>clawtray::LogView</name>
    <message>
        <source>Search the log</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <source>Keep the newest line in view</source>
        <translation>始终显示最新一行</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>自动换行</translation>
    </message>
    <message>
        <source>Wrap long lines instead of scrolling sideways</source>
        <translation>长行自动换行，而不是横向滚动</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Gateway and ClawTray log</source>
        <translation>网关和 ClawTray 日志</translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation>还没有日志。</translation>
    </message>
    <message>
        <source>No line matches the level and the search (%1 hidden).</source>
        <translation>没有符合级别和搜索条件的日志（已隐藏 %1 行）。</translation>
    </message>
</context>
<context>
    <name>clawtray::MainWindow</name>
    <message>
        <source>ClawTray</source>
        <translation>ClawTray</translation>
    </message>
    <message>
        <source>ClawTray sections</source>
        <translation>ClawTray 各部分</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断信息</translation>
    </message>
    <message>
        <source>Restart history</source>
        <translation>重启记录</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Safe restart</source>
        <translation>安全重启</translation>
    </message>
    <message>
        <source>Ask the gateway to restart once its active tasks are done</source>
        <translation>让网关在当前任务完成后重启</translation>
    </message>
    <message>
        <source>Restart now anyway</source>
        <translation>仍然立即重启</translation>
    </message>
    <message>
        <source>Open Control UI</source>
        <translation>打开控制界面</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Reload configuration</source>
        <translation>重新加载配置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export diagnostics…</source>
        <translation>导出诊断信息(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;About ClawTray</source>
        <translation>关于 ClawTray(&amp;A)</translation>
    </message>
    <message>
        <source>Configuration: </source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Safe restart %1 — the gateway restarts when they are done.</source>
        <translation>安全重启%1 — 网关会在这些任务完成后重启。</translation>
    </message>
    <message>
        <source>Diagnostics exported to %1 (secrets removed).</source>
        <translation>诊断信息已导出到 %1（已去除机密信息）。</translation>
    </message>
    <message>
        <source>Could not export the diagnostics: %1</source>
        <translation>无法导出诊断信息：%1</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>导出诊断信息</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>&amp;ClawTray</source>
        <translation>ClawTray(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>clawtray::OverviewTab</name>
    <message>
        <source>Name (1 to 64 characters):</source>
        <translation>名称（1 到 64 个字符）：</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>OpenClaw %1</source>
        <translation>OpenClaw %1</translation>
    </message>
    <message>
        <source>The gateway is not connected: nothing to show.</source>
        <translation>未连接到网关：没有可显示的内容。</translation>
    </message>
    <message>
        <source> — running</source>
        <translation> — 运行中</translation>
    </message>
    <message>
        <source> (%1 ago)</source>
        <translation>（%1前）</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel accounts</source>
        <translation>渠道账号</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Log out…</source>
        <translation>注销…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Exec approvals</source>
        <translation>命令审批</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Paired devices</source>
        <translation>已配对的设备</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Channels appear here once ClawTray is connected to the gateway.</source>
        <translation>ClawTray 连接到网关后，渠道会显示在这里。</translation>
    </message>
    <message>
        <source>No channel status: the gateway is not running.</source>
        <translation>没有渠道状态：网关未运行。</translation>
    </message>
    <message>
        <source>No channel status: %1</source>
        <translation>没有渠道状态：%1</translation>
    </message>
    <message>
        <source>%1 (%2): %3 — fix: %4</source>
        <translation>%1（%2）：%3 — 解决办法：%4</translation>
    </message>
    <message>
        <source>Select a channel account first</source>
        <translation>请先选择一个渠道账号</translation>
    </message>
    <message>
        <source>Log out %1?</source>
        <translation>注销 %1 吗？</translation>
    </message>
    <message>
        <source>%1: %2 done</source>
        <translation>%1：%2 已完成</translation>
    </message>
    <message>
        <source>Approvals appear here once ClawTray is connected to the gateway.</source>
        <translation>ClawTray 连接到网关后，审批请求会显示在这里。</translation>
    </message>
    <message>
        <source>No approvals: the gateway is not connected.</source>
        <translation>没有审批信息：未连接到网关。</translation>
    </message>
    <message>
        <source>No command waits for approval.</source>
        <translation>没有等待审批的命令。</translation>
    </message>
    <message>
        <source>1 command waits for your approval.</source>
        <translation>有 1 条命令等待你审批。</translation>
    </message>
    <message>
        <source>%1 commands wait for your approval.</source>
        <translation>有 %1 条命令等待你审批。</translation>
    </message>
    <message>
        <source>Devices appear here once ClawTray is connected to the gateway.</source>
        <translation>ClawTray 连接到网关后，设备会显示在这里。</translation>
    </message>
    <message>
        <source>No device list: the gateway is not running.</source>
        <translation>没有设备列表：网关未运行。</translation>
    </message>
    <message>
        <source>No paired devices; none waits to be paired.</source>
        <translation>没有已配对的设备，也没有等待配对的设备。</translation>
    </message>
    <message>
        <source>No device waits to be paired.</source>
        <translation>没有等待配对的设备。</translation>
    </message>
    <message>
        <source>1 device waits to be paired.</source>
        <translation>有 1 台设备等待配对。</translation>
    </message>
    <message>
        <source>%1 devices wait to be paired.</source>
        <translation>有 %1 台设备等待配对。</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
    <message>
        <source>Renamed to %1</source>
        <translation>已重命名为 %1</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>移除 %1 吗？</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>已移除 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>The gateway ends this account&apos;s session with its service; to use it again it has to be linked again (for example `openclaw channels login %1`).</source>
        <translation>网关会结束这个账号在其服务上的会话；要再次使用，需要重新关联（例如 `openclaw channels login %1`）。</translation>
    </message>
    <message>
        <source>%1 (device %2) will be unpaired and disconnected. To connect again it will have to pair again.</source>
        <translation>%1（设备 %2）将被取消配对并断开连接。要再次连接，需要重新配对。</translation>
    </message>
    <message>
        <source>Sessions and usage unavailable: %1</source>
        <translation>无法获取会话和用量：%1</translation>
    </message>
    <message>
        <source>Sessions and usage: asking the gateway…</source>
        <translation>会话和用量：正在询问网关…</translation>
    </message>
</context>
<context>
    <name>clawtray::PairingPrompt</name>
    <message>
        <source>ClawTray — pair a device?</source>
        <translation>ClawTray — 与这台设备配对吗？</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>%1 asks for more access</source>
        <translation>%1 请求更多权限</translation>
    </message>
    <message>
        <source>A node wants to pair: %1</source>
        <translation>有节点想要配对：%1</translation>
    </message>
    <message>
        <source>A device wants to pair: %1</source>
        <translation>有设备想要配对：%1</translation>
    </message>
    <message>
        <source>client %1%2</source>
        <translation>客户端 %1%2</translation>
    </message>
    <message>
        <source>Asks to connect as a node, with no commands</source>
        <translation>请求以节点身份连接，不带任何命令</translation>
    </message>
    <message>
        <source>Asks to run: %1</source>
        <translation>请求运行：%1</translation>
    </message>
    <message>
        <source>Asks for role %1%2</source>
        <translation>请求角色 %1%2</translation>
    </message>
    <message>
        <source> with %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>asked %1 ago</source>
        <translation>%1前发出请求</translation>
    </message>
    <message>
        <source>%1 of %2 waiting</source>
        <translation>第 %1 个，共 %2 个等待中</translation>
    </message>
</context>
<context>
    <name>clawtray::RestartHistoryTable</name>
    <message>
        <source>Restart history</source>
        <translation>重启记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>请求方</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>No restarts yet. Each restart is listed here: when, why, who asked for it and how it ended.</source>
        <translation>还没有重启记录。每次重启都会列在这里：时间、原因、由谁发起，以及结果如何。</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>ClawTray 监护</translation>
    </message>
    <message>
        <source>in-process</source>
        <translation>进程内</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>已请求</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>已推迟</translation>
    </message>
    <message>
        <source>coalesced</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>forced</source>
        <translation>已强制</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>safe restart</source>
        <translation>安全重启</translation>
    </message>
    <message>
        <source>settings changed</source>
        <translation>设置已更改</translation>
    </message>
    <message>
        <source>deferred restart</source>
        <translation>推迟的重启</translation>
    </message>
    <message>
        <source>gateway never became ready</source>
        <translation>网关始终没有就绪</translation>
    </message>
    <message>
        <source>gateway restarting in-process</source>
        <translation>网关在进程内重启</translation>
    </message>
    <message>
        <source>the gateway asked for a fresh process (restart handoff)</source>
        <translation>网关要求换一个新进程（重启交接）</translation>
    </message>
    <message>
        <source>cancelled: the gateway was stopped</source>
        <translation>已取消：网关已停止</translation>
    </message>
    <message>
        <source>ended: the gateway stopped</source>
        <translation>已结束：网关停止了</translation>
    </message>
    <message>
        <source>failed: </source>
        <translation>失败：</translation>
    </message>
    <message>
        <source>postponed: </source>
        <translation>已推迟：</translation>
    </message>
    <message>
        <source>unresponsive: </source>
        <translation>无响应：</translation>
    </message>
</context>
<context>
    <name>clawtray::SettingsDialog</name>
    <message>
        <source>ClawTray settings</source>
        <translation>ClawTray 设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <source>auto-detect: %1</source>
        <translation>自动检测：%1</translation>
    </message>
    <message>
        <source>OpenClaw&apos;s default</source>
        <translation>OpenClaw 的默认值</translation>
    </message>
    <message>
        <source>Some values are not valid; nothing was saved.</source>
        <translation>有些值无效，没有保存任何内容。</translation>
    </message>
    <message>
        <source>Checking the runtime…</source>
        <translation>正在检查运行环境…</translation>
    </message>
    <message>
        <source>✓ Node %1 (%2) · openclaw %3 (%4)</source>
        <translation>✓ Node %1（%2）· openclaw %3（%4）</translation>
    </message>
</context>
<context>
    <name>clawtray::SettingsForm</name>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Empty: the Node 24 installed by the setup script.</source>
        <translation>留空：使用安装脚本装好的 Node 24。</translation>
    </message>
    <message>
        <source>OpenClaw package</source>
        <translation>OpenClaw 程序包</translation>
    </message>
    <message>
        <source>The directory holding openclaw.mjs. Empty: auto-detect.</source>
        <translation>包含 openclaw.mjs 的目录。留空：自动检测。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>The gateway listens on 127.0.0.1 at this port.</source>
        <translation>网关在 127.0.0.1 的这个端口上监听。</translation>
    </message>
    <message>
        <source>State directory</source>
        <translation>状态目录</translation>
    </message>
    <message>
        <source>Empty: OpenClaw&apos;s default.</source>
        <translation>留空：使用 OpenClaw 的默认值。</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Extra arguments</source>
        <translation>额外参数</translation>
    </message>
    <message>
        <source>Passed to `openclaw gateway run`.</source>
        <translation>传给 `openclaw gateway run`。</translation>
    </message>
    <message>
        <source>Allow listening beyond this computer</source>
        <translation>允许在本机以外监听</translation>
    </message>
    <message>
        <source>Off: loopback only; extra arguments may not use --bind, --tailscale or change authentication.</source>
        <translation>关闭：只在本机回环地址监听；额外参数不能使用 --bind、--tailscale，也不能更改认证方式。</translation>
    </message>
    <message>
        <source>Ping interval</source>
        <translation>心跳间隔</translation>
    </message>
    <message>
        <source>Liveness deadline</source>
        <translation>存活判定时限</translation>
    </message>
    <message>
        <source>Silence this long is verified with one call before a restart.</source>
        <translation>静默达到这个时长后，先用一次调用确认，再决定是否重启。</translation>
    </message>
    <message>
        <source>Probe timeout</source>
        <translation>探测超时</translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation>退避初始间隔</translation>
    </message>
    <message>
        <source>Backoff cap</source>
        <translation>退避最大间隔</translation>
    </message>
    <message>
        <source>Reconnect attempts</source>
        <translation>重连次数</translation>
    </message>
    <message>
        <source>Randomise backoff (jitter)</source>
        <translation>随机化退避间隔（抖动）</translation>
    </message>
    <message>
        <source>Restart budget</source>
        <translation>重启次数上限</translation>
    </message>
    <message>
        <source>Automatic restarts allowed per window before they pause.</source>
        <translation>每个时间窗口内允许的自动重启次数，超过后暂停自动重启。</translation>
    </message>
    <message>
        <source>Restart window</source>
        <translation>重启统计时间窗口</translation>
    </message>
    <message>
        <source>Reload policy</source>
        <translation>重新加载策略</translation>
    </message>
    <message>
        <source>hot: apply in the running gateway when possible; restart; off.</source>
        <translation>hot：尽可能在运行中的网关内生效；restart：重启网关；off：不自动重新加载。</translation>
    </message>
    <message>
        <source>Reload debounce</source>
        <translation>重新加载的合并等待时间</translation>
    </message>
    <message>
        <source>Foreign gateway</source>
        <translation>外部网关</translation>
    </message>
    <message>
        <source>When another gateway already serves the port: attach to it, take the port over, or fail.</source>
        <translation>当端口已被另一个网关占用时：连接到它（attach）、接管端口（takeover），或报错（fail）。</translation>
    </message>
    <message>
        <source>Stop grace period</source>
        <translation>停止宽限时间</translation>
    </message>
    <message>
        <source>Run `openclaw doctor --fix` by itself on an invalid config</source>
        <translation>配置无效时自动运行 `openclaw doctor --fix`</translation>
    </message>
    <message>
        <source>Launch ClawTray at login</source>
        <translation>登录时启动 ClawTray</translation>
    </message>
    <message>
        <source>Starts minimized to the tray.</source>
        <translation>启动后最小化到托盘。</translation>
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <source>Start the gateway when ClawTray starts</source>
        <translation>ClawTray 启动时启动网关</translation>
    </message>
    <message>
        <source>Ask before quitting while ClawTray&apos;s gateway runs</source>
        <translation>ClawTray 的网关运行时，退出前先询问</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>system: the desktop&apos;s language when ClawTray has it (English, 简体中文); takes effect when ClawTray starts again.</source>
        <translation>system：跟随桌面语言（如果 ClawTray 提供该语言：English、简体中文）；重新启动 ClawTray 后生效。</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>托盘图标</translation>
    </message>
    <message>
        <source>colour; light: white shapes for a dark panel; dark: black shapes for a light panel.</source>
        <translation>colour：彩色；light：白色图形，适合深色面板；dark：黑色图形，适合浅色面板。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a directory</source>
        <translation>选择目录</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>hot</source>
        <translation>热应用（hot）</translation>
    </message>
    <message>
        <source>restart</source>
        <translation>重启（restart）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭（off）</translation>
    </message>
    <message>
        <source>attach</source>
        <translation>连接（attach）</translation>
    </message>
    <message>
        <source>takeover</source>
        <translation>接管（takeover）</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>报错（fail）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动（auto）</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>密钥环（keychain）</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件（file）</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色（colour）</translation>
    </message>
    <message>
        <source>light</source>
        <translation>白色图形（light）</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>黑色图形（dark）</translation>
    </message>
    <message>
        <source>system</source>
        <translation>跟随系统（system）</translation>
    </message>
    <message>
        <source>Check for OpenClaw updates once a day</source>
        <translation>每天检查一次 OpenClaw 更新</translation>
    </message>
    <message>
        <source>Asks the npm registry with npm (your .npmrc applies). Off: only when you ask.</source>
        <translation>用 npm 查询 npm 仓库（会使用你的 .npmrc）。关闭：只在你要求时检查。</translation>
    </message>
    <message>
        <source>Update channel</source>
        <translation>更新渠道</translation>
    </message>
    <message>
        <source>stable; beta: pre-releases too.</source>
        <translation>stable：正式版；beta：也包括预发布版。</translation>
    </message>
    <message>
        <source>Update automatically while the gateway is idle</source>
        <translation>网关空闲时自动更新</translation>
    </message>
    <message>
        <source>Installs, checks and switches by itself when no run is active; a failed update goes back to the version before.</source>
        <translation>在没有进行中的运行时自动安装、检查并切换；更新失败会回到之前的版本。</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>正式版（stable）</translation>
    </message>
    <message>
        <source>beta</source>
        <translation>测试版（beta）</translation>
    </message>
</context>
<context>
    <name>clawtray::StatusHeader</name>
    <message>
        <source>Uptime</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>下次重试</translation>
    </message>
    <message>
        <source>23 h 59 min</source>
        <translation>23 小时 59 分</translation>
    </message>
    <message>
        <source>in 59 min 59 s (attempt 10)</source>
        <translation>59 分 59 秒后（第 10 次尝试）</translation>
    </message>
    <message>
        <source>Gateway state: %1</source>
        <translation>网关状态：%1</translation>
    </message>
    <message>
        <source>managed by OpenClaw&apos;s service %1</source>
        <translation>由 OpenClaw 的服务 %1 管理</translation>
    </message>
    <message>
        <source>owned by ClawTray</source>
        <translation>由 ClawTray 启动</translation>
    </message>
    <message>
        <source>external gateway (not started by ClawTray)</source>
        <translation>外部网关（不是由 ClawTray 启动的）</translation>
    </message>
    <message>
        <source>gateway up, channels not ready: %1</source>
        <translation>网关已运行，渠道尚未就绪：%1</translation>
    </message>
    <message>
        <source>no detail</source>
        <translation>没有详细信息</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1后</translation>
    </message>
    <message>
        <source> (attempt %1)</source>
        <translation>（第 %1 次尝试）</translation>
    </message>
</context>
<context>
    <name>clawtray::TokenPanel</name>
    <message>
        <source>Store the token in a file only I can read (0600)</source>
        <translation>把令牌保存在只有我能读取的文件中（0600）</translation>
    </message>
    <message>
        <source>Try the keychain again</source>
        <translation>再次尝试密钥环</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>重新生成…</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token…</source>
        <translation>导入网关的令牌…</translation>
    </message>
    <message>
        <source>Stored in: %1</source>
        <translation>保存位置：%1</translation>
    </message>
    <message>
        <source>(not loaded)</source>
        <translation>（未加载）</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Token copied to the clipboard.</source>
        <translation>令牌已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Regenerate the token</source>
        <translation>重新生成令牌</translation>
    </message>
    <message>
        <source>Import the gateway&apos;s token</source>
        <translation>导入网关的令牌</translation>
    </message>
    <message>
        <source>That is not a token: it is empty or contains spaces.</source>
        <translation>这不是有效的令牌：内容为空或包含空格。</translation>
    </message>
    <message>
        <source>New token stored; the gateway restarts with it.</source>
        <translation>新令牌已保存；网关将使用它重启。</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>无法保存令牌：%1</translation>
    </message>
    <message>
        <source>The token is now kept in a file only you can read.</source>
        <translation>令牌现在保存在只有你能读取的文件中。</translation>
    </message>
    <message>
        <source>Could not switch to the file: %1</source>
        <translation>无法改用文件保存：%1</translation>
    </message>
    <message>
        <source>The keychain answered; the token is loaded.</source>
        <translation>密钥环已响应，令牌已加载。</translation>
    </message>
    <message>
        <source>Still no keychain: %1</source>
        <translation>仍然无法使用密钥环：%1</translation>
    </message>
    <message>
        <source>ClawTray and the gateway share this token. ClawTray keeps it in the system keychain, or — if you choose so — in a file only you can read.</source>
        <translation>ClawTray 和网关共用这个令牌。ClawTray 把它保存在系统密钥环中；如果你选择，也可以保存在只有你能读取的文件中。</translation>
    </message>
    <message>
        <source>ClawTray will store a new token and restart the gateway with it. Clients paired with the old token will need the new one.

Regenerate the token?</source>
        <translation>ClawTray 会保存一个新令牌，并用它重启网关。使用旧令牌配对的客户端需要改用新令牌。

要重新生成令牌吗？</translation>
    </message>
    <message>
        <source>Paste the token the gateway expects (for example from its configuration). ClawTray stores it at once and restarts the gateway with it; Cancel changes nothing:</source>
        <translation>粘贴网关所需的令牌（例如从它的配置中复制）。ClawTray 会立即保存它并用它重启网关；点“取消”则不做任何更改：</translation>
    </message>
    <message>
        <source>Automatic: the system keychain if one answers, otherwise a file</source>
        <translation>自动：系统密钥环（如果可用），否则为文件</translation>
    </message>
    <message>
        <source>The system keychain</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>A file only you can read (0600)</source>
        <translation>只有你能读取的文件（0600）</translation>
    </message>
    <message>
        <source>Keep the token in</source>
        <translation>令牌保存位置</translation>
    </message>
    <message>
        <source>Changing this moves the token the gateway uses; no new token is made.</source>
        <translation>更改此项会移动网关正在使用的令牌，不会生成新令牌。</translation>
    </message>
    <message>
        <source>Keep the token in:</source>
        <translation>令牌保存位置：</translation>
    </message>
    <message>
        <source>The token was moved; it is now kept in %1.</source>
        <translation>令牌已移动，现在保存在%1。</translation>
    </message>
    <message>
        <source>The token stays where it was: %1</source>
        <translation>令牌保留在原处：%1</translation>
    </message>
</context>
<context>
    <name>clawtray::TrayIcon</name>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Safe restart</source>
        <translation>安全重启</translation>
    </message>
    <message>
        <source>Reload configuration</source>
        <translation>重新加载配置</translation>
    </message>
    <message>
        <source>Open Control UI</source>
        <translation>打开控制界面</translation>
    </message>
    <message>
        <source>Show ClawTray</source>
        <translation>显示 ClawTray</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Launch at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Safe restart (%1)</source>
        <translation>安全重启（%1）</translation>
    </message>
    <message>
        <source>1 command waits for your approval…</source>
        <translation>有 1 条命令等待你审批…</translation>
    </message>
    <message>
        <source>%1 commands wait for your approval…</source>
        <translation>有 %1 条命令等待你审批…</translation>
    </message>
    <message>
        <source>
%1 waiting for approval</source>
        <translation>
%1等待审批</translation>
    </message>
    <message>
        <source>1 command</source>
        <translation>1 条命令</translation>
    </message>
    <message>
        <source>%1 commands</source>
        <translation>%1 条命令</translation>
    </message>
    <message>
        <source>1 device waits to be paired…</source>
        <translation>有 1 台设备等待配对…</translation>
    </message>
    <message>
        <source>%1 devices wait to be paired…</source>
        <translation>有 %1 台设备等待配对…</translation>
    </message>
    <message>
        <source>
%1 waiting to be paired</source>
        <translation>
%1等待配对</translation>
    </message>
    <message>
        <source>1 device</source>
        <translation>1 台设备</translation>
    </message>
    <message>
        <source>%1 devices</source>
        <translation>%1 台设备</translation>
    </message>
    <message>
        <source>Attention: 1 channel account is down…</source>
        <translation>注意：有 1 个渠道账号已断开…</translation>
    </message>
    <message>
        <source>Attention: %1 channel accounts are down…</source>
        <translation>注意：有 %1 个渠道账号已断开…</translation>
    </message>
    <message>
        <source>
Attention needed — %1</source>
        <translation>
需要处理 — %1</translation>
    </message>
    <message>
        <source>%1
Approve or reject it in the pairing panel.</source>
        <translation>%1
请在配对面板中批准或拒绝。</translation>
    </message>
    <message>
        <source>%1
Allow or deny it in the ClawTray prompt.</source>
        <translation>%1
请在 ClawTray 的提示窗口中允许或拒绝。</translation>
    </message>
    <message>
        <source>The gateway stopped unexpectedly</source>
        <translation>网关意外停止</translation>
    </message>
    <message>
        <source>The gateway recovered</source>
        <translation>网关已恢复</translation>
    </message>
    <message>
        <source>Automatic restarts paused</source>
        <translation>自动重启已暂停</translation>
    </message>
    <message>
        <source>The gateway rejected ClawTray&apos;s token</source>
        <translation>网关拒绝了 ClawTray 的令牌</translation>
    </message>
    <message>
        <source>A command waits for your approval</source>
        <translation>有命令等待你审批</translation>
    </message>
    <message>
        <source>A device asks to be paired</source>
        <translation>有设备请求配对</translation>
    </message>
    <message>
        <source>An OpenClaw update is available</source>
        <translation>OpenClaw 有可用更新</translation>
    </message>
    <message>
        <source>ClawTray</source>
        <translation>ClawTray</translation>
    </message>
    <message>
        <source>Start now</source>
        <translation>立即启动</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Updating OpenClaw (%1/%2): %3</source>
        <translation>正在更新 OpenClaw（%1/%2）：%3</translation>
    </message>
    <message>
        <source>OpenClaw %1 runs now (was %2).</source>
        <translation>现在运行的是 OpenClaw %1（之前是 %2）。</translation>
    </message>
    <message>
        <source>The OpenClaw update did not go through</source>
        <translation>OpenClaw 更新没有完成</translation>
    </message>
    <message>
        <source>OpenClaw was updated</source>
        <translation>OpenClaw 已更新</translation>
    </message>
</context>
<context>
    <name>clawtray::UpdatePanel</name>
    <message>
        <source>OpenClaw updates</source>
        <translation>OpenClaw 更新</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>更新进度</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Check for OpenClaw updates now</source>
        <translation>立即检查 OpenClaw 更新</translation>
    </message>
    <message>
        <source>Roll back to OpenClaw %1?</source>
        <translation>回退到 OpenClaw %1 吗？</translation>
    </message>
    <message>
        <source>Update OpenClaw to %1?</source>
        <translation>把 OpenClaw 更新到 %1 吗？</translation>
    </message>
    <message>
        <source>ClawTray backs up the gateway&apos;s state, waits until no run is active, stops OpenClaw %1 and starts %2. If %2 cannot read the state %1 migrated, the state from before the update to %1 comes back (changes made since then are kept aside, not used).</source>
        <translation>ClawTray 会先备份网关的状态，等到没有进行中的运行，再停止 OpenClaw %1 并启动 %2。如果 %2 读不了 %1 迁移后的状态，会恢复更新到 %1 之前的状态（之后的更改会另外保存，不再使用）。</translation>
    </message>
    <message>
        <source>ClawTray installs %2 beside %1, backs up the gateway&apos;s state, checks that %2 can use it, waits until no run is active, then switches. If %2 does not start properly, %1 comes back with the state it had.</source>
        <translation>ClawTray 会把 %2 安装到 %1 旁边，备份网关的状态，检查 %2 能否使用它，等到没有进行中的运行后再切换。如果 %2 不能正常启动，会换回 %1，并恢复原来的状态。</translation>
    </message>
    <message>
        <source>OpenClaw %1 is the newest version (%2 channel, checked %3).</source>
        <translation>OpenClaw %1 已是最新版本（%2 渠道，检查于 %3）。</translation>
    </message>
    <message>
        <source>OpenClaw %1; not checked for updates yet.</source>
        <translation>OpenClaw %1；还没有检查过更新。</translation>
    </message>
    <message>
        <source>Checking the npm registry…</source>
        <translation>正在查询 npm 仓库…</translation>
    </message>
    <message>
        <source>Update to %1…</source>
        <translation>更新到 %1…</translation>
    </message>
    <message>
        <source>Roll back to %1…</source>
        <translation>回退到 %1…</translation>
    </message>
    <message>
        <source>Go back to OpenClaw %1?</source>
        <translation>回到 OpenClaw %1 吗？</translation>
    </message>
    <message>
        <source>Updated to OpenClaw %1 (was %2).</source>
        <translation>已更新到 OpenClaw %1（之前是 %2）。</translation>
    </message>
    <message>
        <source>Go back to %1…</source>
        <translation>回到 %1…</translation>
    </message>
</context>
</TS>
