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
        <source>no channels configured</source>
        <translation>没有配置渠道</translation>
    </message>
    <message>
        <source>%1 connected</source>
        <translation>%1 已连接</translation>
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
        <source>loading the gateway token from %1</source>
        <translation>正在从%1加载网关令牌</translation>
    </message>
    <message>
        <source>waiting for the keychain (%1); trying again in %2 s</source>
        <translation>正在等待密钥环（%1）；%2 秒后重试</translation>
    </message>
    <message>
        <source>The gateway token could not be loaded: %1</source>
        <translation>无法加载网关令牌：%1</translation>
    </message>
    <message>
        <source>Another ClawTray is already running for this user (probably `clawtray --headless`). Control it with `clawtray ctl`, or stop it before starting the desktop app.</source>
        <translation>此用户已经有另一个 ClawTray 在运行（可能是 `clawtray --headless`）。请用 `clawtray ctl` 控制它，或者先停止它再启动桌面程序。</translation>
    </message>
    <message>
        <source>Unlock the keychain and try again in Settings › Token, or keep the token in a file only you can read.</source>
        <translation>请解锁密钥环，然后在“设置 › 令牌”中重试；或者把令牌保存在只有你能读取的文件中。</translation>
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
    <name>clawtray::DesktopSettingsController</name>
    <message>
        <source>the token was stored in the file, but the running gateway keeps the old one until ClawTray restarts (%1)</source>
        <translation>令牌已保存到文件中，但正在运行的网关会继续使用旧令牌，直到 ClawTray 重启（%1）</translation>
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
        <source>No browser could be started. Open %1 in a browser within ten minutes to pair it with the gateway.</source>
        <translation>无法启动浏览器。请在十分钟内用浏览器打开 %1，与网关完成配对。</translation>
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
        <source>the gateway manager is not ready yet</source>
        <translation>网关管理器尚未就绪</translation>
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
</context>
<context>
    <name>clawtray::HealthPanel</name>
    <message>
        <source>Health:</source>
        <translation>健康状况：</translation>
    </message>
    <message>
        <source>Reasons: </source>
        <translation>原因：</translation>
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
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
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
        <source>Paste the token the gateway expects (for example from its configuration):</source>
        <translation>粘贴网关所需的令牌（例如从它的配置中复制）：</translation>
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
</context>
</TS>
