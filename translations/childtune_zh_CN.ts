<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LayerModuleMap</name>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>编码器层</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies after ChildTune is restarted.</source>
        <translation>新语言将在重新启动 ChildTune 后生效。</translation>
    </message>
</context>
<context>
    <name>childtune::app::ChildNetworkPage</name>
    <message>
        <source>What-if p_D</source>
        <translation>假设 p_D</translation>
    </message>
    <message>
        <source>Re-threshold the cached Fisher scores for another p_D, before any training.</source>
        <translation>在任何训练之前，用另一个 p_D 对缓存的 Fisher 分数重新设定阈值。</translation>
    </message>
    <message>
        <source>Child network by layer and module</source>
        <translation>按层和模块划分的子网络</translation>
    </message>
    <message>
        <source>Fisher distribution per layer with the global cut-off</source>
        <translation>各层的 Fisher 分布及全局阈值</translation>
    </message>
    <message>
        <source>Weight matrix drill-down</source>
        <translation>权重矩阵详细视图</translation>
    </message>
    <message>
        <source>Weight tensor of the selected cell</source>
        <translation>所选单元格的权重张量</translation>
    </message>
    <message>
        <source>The parameter tensors of the selected layer and module.</source>
        <translation>所选层和模块的参数张量。</translation>
    </message>
    <message>
        <source>Child-Tuning_F mask density per layer</source>
        <translation>各层的 Child-Tuning_F 掩码密度</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to see its weight matrix.</source>
        <translation>单击热图中的单元格以查看其权重矩阵。</translation>
    </message>
    <message>
        <source>Start a Child-Tuning_D run: its child network appears here after the Fisher pass, with a p_D what-if slider. Child-Tuning_F runs show their sampled mask density per layer.</source>
        <translation>启动一次 Child-Tuning_D 运行：Fisher 估计完成后，其子网络会显示在这里，并附带 p_D 假设滑块。Child-Tuning_F 运行会显示每层采样的掩码密度。</translation>
    </message>
    <message>
        <source>Estimating the Fisher information… the child network appears when the pass is done.</source>
        <translation>正在估计 Fisher 信息… 估计完成后将显示子网络。</translation>
    </message>
    <message>
        <source>The mask density appears with the first training steps.</source>
        <translation>掩码密度将在最初的训练步骤后显示。</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight: there is no child network to show. Choose Child-Tuning_D or _F in the Run setup.</source>
        <translation>普通微调会更新每一个权重：没有可显示的子网络。请在“运行设置”中选择 Child-Tuning_D 或 _F。</translation>
    </message>
    <message numerus="yes">
        <source>Global cut-off %1 · Fisher averaged over %n batch(es)</source>
        <translation>
            <numerusform>全局阈值 %1 · Fisher 在 %n 个批次上取平均</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>子网络</translation>
    </message>
    <message>
        <source>Where weights moved</source>
        <translation>权重变化位置</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>After training: how far each layer and module moved from the pretrained weights, next to the run&apos;s child network.</source>
        <translation>训练后：每一层、每个模块相对预训练权重的变化幅度，并与该运行的子网络并列显示。</translation>
    </message>
    <message>
        <source>How much the child networks of two runs (two tasks, two seeds) agree, per layer and module.</source>
        <translation>两次运行（两个任务、两个种子）的子网络按层和模块的重合程度。</translation>
    </message>
    <message>
        <source>Child network this run trained</source>
        <translation>本次运行训练的子网络</translation>
    </message>
    <message>
        <source>Where the weights moved, by layer and module</source>
        <translation>按层和模块显示权重的变化位置</translation>
    </message>
    <message>
        <source>Child network &amp;A:</source>
        <translation>子网络 &amp;A：</translation>
    </message>
    <message>
        <source>&amp;B:</source>
        <translation>&amp;B：</translation>
    </message>
    <message>
        <source>First run to compare</source>
        <translation>要比较的第一个运行</translation>
    </message>
    <message>
        <source>Second run to compare</source>
        <translation>要比较的第二个运行</translation>
    </message>
    <message>
        <source>The current run or a stored Child-Tuning_D run.</source>
        <translation>当前运行或已保存的 Child-Tuning_D 运行。</translation>
    </message>
    <message>
        <source>The stored Child-Tuning_D run to compare with.</source>
        <translation>用于比较的已保存 Child-Tuning_D 运行。</translation>
    </message>
    <message>
        <source>Overlap of the two child networks per layer and module</source>
        <translation>两个子网络按层和模块的重合度</translation>
    </message>
    <message>
        <source>After a run has trained, this shows how far each layer and module moved from the pretrained weights.</source>
        <translation>运行训练完成后，这里显示每一层、每个模块相对预训练权重的变化幅度。</translation>
    </message>
    <message>
        <source>Left: the child network this run trained (p&lt;sub&gt;D&lt;/sub&gt; = %1). Right: how far each layer and module moved from the pretrained weights. Outside the child network only weight decay moves the weights.</source>
        <translation>左：本次运行训练的子网络（p&lt;sub&gt;D&lt;/sub&gt; = %1）。右：每一层、每个模块相对预训练权重的变化幅度。子网络之外，只有权重衰减会改变权重。</translation>
    </message>
    <message>
        <source>Child-Tuning_F samples a new mask at every step, so every weight can move: this shows how far each layer and module went from the pretrained weights.</source>
        <translation>Child-Tuning_F 每一步都会采样新的掩码，因此每个权重都可能变化：这里显示每一层、每个模块相对预训练权重的变化幅度。</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight: this shows how far each layer and module went from the pretrained weights.</source>
        <translation>普通微调会更新所有权重：这里显示每一层、每个模块相对预训练权重的变化幅度。</translation>
    </message>
    <message>
        <source>Current run</source>
        <translation>当前运行</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 · seed %4</source>
        <translation>运行 %1 · %2 · %3 · 种子 %4</translation>
    </message>
    <message>
        <source>Child networks to compare appear here: the current Child-Tuning_D run and the Child-Tuning_D runs in the run history.</source>
        <translation>可比较的子网络会显示在这里：当前的 Child-Tuning_D 运行以及运行历史中的 Child-Tuning_D 运行。</translation>
    </message>
    <message>
        <source>The current run has no child network (only Child-Tuning_D runs have one).</source>
        <translation>当前运行没有子网络（只有 Child-Tuning_D 运行才有）。</translation>
    </message>
    <message>
        <source>Run %1 has no stored child network (it stopped before the Fisher pass ended).</source>
        <translation>运行 %1 没有已保存的子网络（它在 Fisher 计算结束前就停止了）。</translation>
    </message>
    <message>
        <source>Jaccard index |A ∩ B| / |A ∪ B| per encoder layer: of all maskable weights, then of each module kind. 1 = the same child network, 0 = disjoint.</source>
        <translation>每个编码器层的 Jaccard 指数 |A ∩ B| / |A ∪ B|：先是所有可掩码权重，然后是各类模块。1 = 子网络相同，0 = 完全不相交。</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s) exist in only one of the two models.</source>
        <translation>
            <numerusform>有 %n 个张量只存在于两个模型之一中。</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>childtune::app::DemoWorkspace</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
</context>
<context>
    <name>childtune::app::DownloadDialog</name>
    <message>
        <source>Download a Model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>Download GLUE Data</source>
        <translation>下载 GLUE 数据</translation>
    </message>
    <message>
        <source>Hub name, e.g. roberta-large or google/electra-large-discriminator</source>
        <translation>Hub 名称，例如 roberta-large 或 google/electra-large-discriminator</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>The name of the model on the Hugging Face hub (organization/name)</source>
        <translation>模型在 Hugging Face Hub 上的名称（组织/名称）</translation>
    </message>
    <message>
        <source>All GLUE tasks</source>
        <translation>所有 GLUE 任务</translation>
    </message>
    <message>
        <source>GLUE task</source>
        <translation>GLUE 任务</translation>
    </message>
    <message>
        <source>The GLUE task whose data to download</source>
        <translation>要下载其数据的 GLUE 任务</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>下载进度</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>下载状态</translation>
    </message>
    <message>
        <source>Transferred, speed and time left</source>
        <translation>已传输量、速度和剩余时间</translation>
    </message>
    <message>
        <source>Download error</source>
        <translation>下载错误</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Start download</source>
        <translation>开始下载</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Fetches config.json, the tokenizer files and the safetensors weights from %1 into the Hugging Face cache (%2). Interrupted downloads resume.%3</source>
        <translation>从 %1 获取 config.json、分词器文件和 safetensors 权重，保存到 Hugging Face 缓存（%2）。中断的下载可以续传。%3</translation>
    </message>
    <message>
        <source> Gated models use the token in HF_TOKEN.</source>
        <translation> 受限模型使用 HF_TOKEN 中的令牌。</translation>
    </message>
    <message>
        <source>Fetches the official GLUE data (as download_glue_data.py does) into %1.</source>
        <translation>获取官方 GLUE 数据（与 download_glue_data.py 相同），保存到 %1。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>%1 is ready in %2</source>
        <translation>%1 已就绪，位于 %2</translation>
    </message>
    <message>
        <source>GLUE data is ready in %1</source>
        <translation>GLUE 数据已就绪，位于 %1</translation>
    </message>
    <message>
        <source>%1 %2 (%3 of %4)</source>
        <translation>%1 %2（%3 / %4）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Cancelled. Partial files were kept: Download resumes them.</source>
        <translation>已取消。部分下载的文件已保留：再次下载时会续传。</translation>
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
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>childtune::app::GlueDownloader</name>
    <message>
        <source>Cannot move the download to %1</source>
        <translation>无法将下载的文件移动到 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a GLUE task; these can be downloaded: %2</source>
        <translation>“%1”不是 GLUE 任务；可以下载的任务有：%2</translation>
    </message>
    <message>
        <source>Choose at least one GLUE task to download.</source>
        <translation>请至少选择一个要下载的 GLUE 任务。</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>Unpacking</source>
        <translation>正在解压</translation>
    </message>
    <message>
        <source>%1 from %2 is not the published file: its SHA-256 is %3, expected %4. It was deleted; try again.</source>
        <translation>来自 %2 的 %1 不是发布的文件：其 SHA-256 为 %3，应为 %4。该文件已删除；请重试。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>childtune::app::HttpFileTransfer</name>
    <message>
        <source>HTTP %1%2 from %3</source>
        <translation>HTTP %1%2，来自 %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 answered a resume request with the wrong range (%2); the partial file was deleted, try again</source>
        <translation>%1 对续传请求返回了错误的范围（%2）；部分下载的文件已删除，请重试</translation>
    </message>
    <message>
        <source>%1 sent more than the expected %2 bytes</source>
        <translation>%1 发送的数据超过了预期的 %2 字节</translation>
    </message>
    <message>
        <source>Too many or invalid redirects from %1</source>
        <translation>来自 %1 的重定向过多或无效</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2 (%3 bytes kept for resuming)</source>
        <translation>下载 %1 失败：%2（已保留 %3 字节以便续传）</translation>
    </message>
    <message>
        <source>%1 ended after %2 of %3 bytes (kept for resuming)</source>
        <translation>%1 在 %2 / %3 字节后中断（已保留以便续传）</translation>
    </message>
</context>
<context>
    <name>childtune::app::HubDownloader</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%1 from %2 is corrupt: its %3 is %4 but the hub&apos;s ETag says %5. The download was deleted; try again.</source>
        <translation>来自 %2 的 %1 已损坏：其 %3 为 %4，但 Hub 的 ETag 为 %5。下载的文件已删除；请重试。</translation>
    </message>
    <message>
        <source>The model may be gated or private: accept its terms on the hub and set HF_TOKEN to a token with read access.</source>
        <translation>该模型可能是受限或私有的：请在 Hub 上接受其条款，并将 HF_TOKEN 设置为具有读取权限的令牌。</translation>
    </message>
    <message>
        <source>Enter a model name from the Hugging Face hub, e.g. bert-base-uncased or google/electra-large-discriminator.</source>
        <translation>请输入 Hugging Face Hub 上的模型名称，例如 bert-base-uncased 或 google/electra-large-discriminator。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hub model name: use name or organization/name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;).</source>
        <translation>“%1”不是 Hub 模型名称：请使用 名称 或 组织/名称（字母、数字、“-”、“_”和“.”）。</translation>
    </message>
    <message>
        <source>Looking up</source>
        <translation>正在查询</translation>
    </message>
    <message>
        <source>Downloads are disabled because HF_HUB_OFFLINE is set. Unset HF_HUB_OFFLINE (or set it to 0) and restart ChildTune to download %1; models already in the cache stay available.</source>
        <translation>由于设置了 HF_HUB_OFFLINE，下载已被禁用。取消设置 HF_HUB_OFFLINE（或将其设为 0）并重新启动 ChildTune 即可下载 %1；缓存中已有的模型仍然可用。</translation>
    </message>
    <message>
        <source>Cannot tell where the Hugging Face cache is: set HF_HOME or HOME.</source>
        <translation>无法确定 Hugging Face 缓存的位置：请设置 HF_HOME 或 HOME。</translation>
    </message>
    <message>
        <source>HF_ENDPOINT is not a valid URL: %1</source>
        <translation>HF_ENDPOINT 不是有效的 URL：%1</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2. Check the network connection (or HF_ENDPOINT).</source>
        <translation>无法连接 %1：%2。请检查网络连接（或 HF_ENDPOINT）。</translation>
    </message>
    <message>
        <source>%1 is gated or private (%2). Accept its terms on the hub and set HF_TOKEN to an access token with read access.</source>
        <translation>%1 是受限或私有模型（%2）。请在 Hub 上接受其条款，并将 HF_TOKEN 设置为具有读取权限的访问令牌。</translation>
    </message>
    <message>
        <source>The token in HF_TOKEN has no access to %1 (%2). Accept the model&apos;s terms on the hub, or use a token with read access.</source>
        <translation>HF_TOKEN 中的令牌无权访问 %1（%2）。请在 Hub 上接受该模型的条款，或使用具有读取权限的令牌。</translation>
    </message>
    <message>
        <source>%1 was not found (%2).</source>
        <translation>未找到 %1（%2）。</translation>
    </message>
    <message>
        <source>The model %1 on %2</source>
        <translation>%2 上的模型 %1</translation>
    </message>
    <message>
        <source>%1 did not answer with the model&apos;s file list (no commit hash in the reply).</source>
        <translation>%1 没有返回模型的文件列表（回复中没有提交哈希）。</translation>
    </message>
    <message>
        <source>%1 has no config.json, so it is not a transformers model.</source>
        <translation>%1 没有 config.json，因此不是 transformers 模型。</translation>
    </message>
    <message>
        <source>%1 has no safetensors weights on %2 (found: %3). ChildTune reads model.safetensors only; convert the weights with transformers&apos; save_pretrained(safe_serialization=True).</source>
        <translation>%1 在 %2 上没有 safetensors 权重（找到：%3）。ChildTune 只读取 model.safetensors；请用 transformers 的 save_pretrained(safe_serialization=True) 转换权重。</translation>
    </message>
    <message>
        <source>no weights</source>
        <translation>无权重</translation>
    </message>
    <message>
        <source>Too many redirects for %1</source>
        <translation>%1 的重定向过多</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 中的 %1</translation>
    </message>
    <message>
        <source>%1 sent no usable ETag for %2 (got &quot;%3&quot;), so the download cannot be verified.</source>
        <translation>%1 没有为 %2 发送可用的 ETag（收到“%3”），因此无法校验下载。</translation>
    </message>
    <message>
        <source>The hub reported commit %1 for %2, but the file list was for %3; try again.</source>
        <translation>Hub 报告 %2 的提交为 %1，但文件列表属于 %3；请重试。</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2</source>
        <translation>无法将 %1 移动到 %2</translation>
    </message>
    <message>
        <source>Cannot place %1 in the snapshot %2: %3</source>
        <translation>无法将 %1 放入快照 %2：%3</translation>
    </message>
    <message>
        <source>%1 of %2 has no weight_map.</source>
        <translation>%2 的 %1 没有 weight_map。</translation>
    </message>
    <message>
        <source>%1 of %2 names the shard &quot;%3&quot;, which the repository does not have.</source>
        <translation>%2 的 %1 引用了分片“%3”，但仓库中没有该文件。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>childtune::app::MainWindow</name>
    <message>
        <source>ChildTune</source>
        <translation>ChildTune</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Run Setup</source>
        <translation>运行设置</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Child Network</source>
        <translation>子网络</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n id(s) to the clipboard</source>
        <translation>
            <numerusform>已将 %n 个 ID 复制到剪贴板</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Model Folder…</source>
        <translation>添加模型文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a folder that holds a model, or a folder of model folders, to the list</source>
        <translation>将包含模型的文件夹（或包含多个模型文件夹的文件夹）添加到列表</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>&amp;Refresh Models</source>
        <translation>刷新模型(&amp;R)</translation>
    </message>
    <message>
        <source>Scan the model folders again</source>
        <translation>重新扫描模型文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Remove Folder from List</source>
        <translation>从列表中移除文件夹</translation>
    </message>
    <message>
        <source>Stop scanning the added folder this model comes from (nothing is deleted)</source>
        <translation>停止扫描此模型所在的已添加文件夹（不会删除任何内容）</translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Architecture and parameters of the selected model</source>
        <translation>所选模型的架构和参数</translation>
    </message>
    <message>
        <source>&amp;Tokenizer</source>
        <translation>分词器(&amp;T)</translation>
    </message>
    <message>
        <source>See how the model&apos;s tokenizer cuts text</source>
        <translation>查看模型的分词器如何切分文本</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About ChildTune</source>
        <translation>关于 ChildTune(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Models &amp;Panel</source>
        <translation>模型面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation>工具栏(&amp;T)</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Training phase</source>
        <translation>训练阶段</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU（%n 个线程）</numerusform>
        </translation>
    </message>
    <message>
        <source>CUDA GPU %1</source>
        <translation>CUDA GPU %1</translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · %1 CUDA GPU(s)</source>
        <translation>
            <numerusform>CPU：%n 个线程 · %1 个 CUDA GPU</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · no GPU</source>
        <translation>
            <numerusform>CPU：%n 个线程 · 无 GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>LibTorch %1, %2, BLAS: %3</source>
        <translation>LibTorch %1，%2，BLAS：%3</translation>
    </message>
    <message>
        <source>Run &amp;Setup</source>
        <translation>运行设置(&amp;S)</translation>
    </message>
    <message>
        <source>Choose the task, the method and its settings</source>
        <translation>选择任务、方法及其设置</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>训练(&amp;R)</translation>
    </message>
    <message>
        <source>Watch the run: phase, progress, loss and dev metrics</source>
        <translation>观察运行：阶段、进度、损失和验证集指标</translation>
    </message>
    <message>
        <source>&amp;Child Network</source>
        <translation>子网络(&amp;C)</translation>
    </message>
    <message>
        <source>Which weights Child-Tuning updates, and why: Fisher information per layer and module</source>
        <translation>Child-Tuning 更新哪些权重及其原因：各层和各模块的 Fisher 信息</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Fine-tune the selected model with the run setup&apos;s settings</source>
        <translation>用运行设置中的设置微调所选模型</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause training after the current step</source>
        <translation>在当前步骤之后暂停训练</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Continue a paused run</source>
        <translation>继续已暂停的运行</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop the run at its next step (and skip the remaining seeds)</source>
        <translation>在下一步停止运行（并跳过剩余的种子）</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the training charts as PNG, PDF or CSV</source>
        <translation>将训练图表保存为 PNG、PDF 或 CSV</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Start training (Ctrl+R)</source>
        <translation>开始训练（Ctrl+R）</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source> · seed %1</source>
        <translation> · 种子 %1</translation>
    </message>
    <message>
        <source>Select a model first.</source>
        <translation>请先选择一个模型。</translation>
    </message>
    <message>
        <source>Export Training Charts</source>
        <translation>导出训练图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf);;CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export the charts: %1</source>
        <translation>无法导出图表：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>所有核心</translation>
    </message>
    <message>
        <source>Training threads</source>
        <translation>训练线程</translation>
    </message>
    <message>
        <source>CPU threads LibTorch uses for a run (0: all cores).</source>
        <translation>LibTorch 运行时使用的 CPU 线程数（0：所有核心）。</translation>
    </message>
    <message>
        <source>Training &amp;threads:</source>
        <translation>训练线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The language of the interface; it applies after a restart.</source>
        <translation>界面所用的语言；重启后生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The new language applies after ChildTune is restarted.</source>
        <translation>新的语言将在重启 ChildTune 后生效。</translation>
    </message>
    <message>
        <source>The demo model in %1 could not be selected</source>
        <translation>无法选择 %1 中的演示模型</translation>
    </message>
    <message>
        <source>the run was stopped</source>
        <translation>运行已停止</translation>
    </message>
    <message>
        <source>the run could not start: %1</source>
        <translation>运行无法启动：%1</translation>
    </message>
    <message>
        <source>the run did not end within %1 s</source>
        <translation>运行未在 %1 秒内结束</translation>
    </message>
    <message>
        <source>Stop the Run?</source>
        <translation>停止运行？</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it and close ChildTune?</source>
        <translation>正在进行训练。要停止它并关闭 ChildTune 吗？</translation>
    </message>
    <message>
        <source>Stopping the run…</source>
        <translation>正在停止运行…</translation>
    </message>
    <message>
        <source>Cannot locate the standard model folders: %1</source>
        <translation>无法找到标准模型文件夹：%1</translation>
    </message>
    <message>
        <source>Model discovery failed: %1</source>
        <translation>模型发现失败：%1</translation>
    </message>
    <message>
        <source>No models found. Add a folder that holds a model with File ▸ Add Model Folder…</source>
        <translation>未找到模型。请通过“文件 ▸ 添加模型文件夹…”添加包含模型的文件夹</translation>
    </message>
    <message>
        <source>No models found.

Put Hugging Face model folders into %1 (scripts/fetch-model.sh puts all-MiniLM-L6-v2 there), or add a folder with File ▸ Add Model Folder…</source>
        <translation>未找到模型。

请将 Hugging Face 模型文件夹放入 %1（scripts/fetch-model.sh 会将 all-MiniLM-L6-v2 放在那里），或通过“文件 ▸ 添加模型文件夹…”添加文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) found, %1 usable</source>
        <translation>
            <numerusform>找到 %n 个模型，%1 个可用</numerusform>
        </translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>模型文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Select a model to load its tokenizer.</source>
        <translation>选择一个模型以加载其分词器。</translation>
    </message>
    <message>
        <source>%1 — ChildTune</source>
        <translation>%1 — ChildTune</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1 无法使用：%2</translation>
    </message>
    <message>
        <source>no tokenizer</source>
        <translation>无分词器</translation>
    </message>
    <message>
        <source>Cannot load the tokenizer of %1: %2</source>
        <translation>无法加载 %1 的分词器：%2</translation>
    </message>
    <message>
        <source>The tokenizer could not be loaded: %1</source>
        <translation>无法加载分词器：%1</translation>
    </message>
    <message>
        <source>tokenizer failed to load</source>
        <translation>分词器加载失败</translation>
    </message>
    <message>
        <source>%1 tokenizer, %2 tokens</source>
        <translation>%1 分词器，%2 个词元</translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <source>Removed %1 from the list</source>
        <translation>已从列表中移除 %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChildTune %1&lt;/h3&gt;&lt;p&gt;A workbench for Child-Tuning: fine-tune BERT, RoBERTa and ELECTRA models while updating only a child network of their parameters.&lt;/p&gt;&lt;p&gt;Look inside a model&apos;s architecture and parameters, and see how its tokenizer cuts text.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ChildTune %1&lt;/h3&gt;&lt;p&gt;Child-Tuning 工作台：微调 BERT、RoBERTa 和 ELECTRA 模型，只更新其参数中的一个子网络。&lt;/p&gt;&lt;p&gt;查看模型的架构和参数，并了解其分词器如何切分文本。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 QCustomPlot 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About ChildTune</source>
        <translation>关于 ChildTune</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>学习(&amp;L)</translation>
    </message>
    <message>
        <source>How fine-tuning and Child-Tuning work, one real optimizer step at a time</source>
        <translation>了解微调和 Child-Tuning 的工作原理，每次执行一个真实的优化器步骤</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Download &amp;Model…</source>
        <translation>下载模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Download &amp;GLUE Data…</source>
        <translation>下载 GLUE 数据(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Earlier runs: compare their curves and settings</source>
        <translation>以前的运行：比较它们的曲线和设置</translation>
    </message>
</context>
<context>
    <name>childtune::app::RunSetupPage</name>
    <message>
        <source>Copied the command line to the clipboard</source>
        <translation>已将命令行复制到剪贴板</translation>
    </message>
    <message>
        <source>&lt;b&gt;Task&lt;/b&gt;</source>
        <translation>&lt;b&gt;任务&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Method and settings&lt;/b&gt;</source>
        <translation>&lt;b&gt;方法和设置&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Load a run configuration saved as JSON.</source>
        <translation>加载以 JSON 保存的运行配置。</translation>
    </message>
    <message>
        <source>Open run configuration</source>
        <translation>打开运行配置</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this run configuration as JSON (childtune-cli train --config).</source>
        <translation>将此运行配置保存为 JSON（childtune-cli train --config）。</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>保存运行配置</translation>
    </message>
    <message>
        <source>Copy as Command Line</source>
        <translation>复制为命令行</translation>
    </message>
    <message>
        <source>Copy the equivalent childtune-cli train command to the clipboard.</source>
        <translation>将等效的 childtune-cli train 命令复制到剪贴板。</translation>
    </message>
    <message>
        <source>Copy as command line</source>
        <translation>复制为命令行</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Copied; the command line cannot carry %1 (save the configuration and use --config)</source>
        <translation>已复制；命令行无法包含 %1（请保存配置并使用 --config）</translation>
    </message>
    <message>
        <source>The data of %1 was not found: locate the GLUE folder in the Run setup view.</source>
        <translation>未找到 %1 的数据：请在“运行设置”视图中指定 GLUE 文件夹。</translation>
    </message>
    <message>
        <source>Save Run Configuration</source>
        <translation>保存运行配置</translation>
    </message>
    <message>
        <source>Run configurations (*.json)</source>
        <translation>运行配置 (*.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open Run Configuration</source>
        <translation>打开运行配置</translation>
    </message>
</context>
<context>
    <name>childtune::app::StartupOptions</name>
    <message>
        <source>ChildTune: look inside BERT, RoBERTa and ELECTRA models and fine-tune them with Child-Tuning.</source>
        <translation>ChildTune：查看 BERT、RoBERTa 和 ELECTRA 模型的内部，并用 Child-Tuning 微调它们。</translation>
    </message>
    <message>
        <source>Print the version and exit.</source>
        <translation>打印版本号并退出。</translation>
    </message>
    <message>
        <source>Select the model in folder &lt;dir&gt; at startup.</source>
        <translation>启动时选择文件夹 &lt;dir&gt; 中的模型。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>Train a tiny model made on the spot (no network needed), write a PNG of each main view into &lt;dir&gt;, then quit.</source>
        <translation>训练一个当场创建的小模型（无需网络），将每个主视图的 PNG 写入 &lt;dir&gt;，然后退出。</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>--model: %1 is not a folder</source>
        <translation>--model：%1 不是文件夹</translation>
    </message>
</context>
<context>
    <name>childtune::app::TokenizerPage</name>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Type or paste text to tokenize…</source>
        <translation>输入或粘贴要分词的文本…</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Optional second segment, e.g. the hypothesis of an NLI pair</source>
        <translation>可选的第二段文本，例如 NLI 文本对中的假设</translation>
    </message>
    <message>
        <source>Pair text</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>&amp;Pair:</source>
        <translation>文本对(&amp;P)：</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Maximum number of tokens, special tokens included</source>
        <translation>最大词元数（含特殊词元）</translation>
    </message>
    <message>
        <source>&amp;Max length:</source>
        <translation>最大长度(&amp;M)：</translation>
    </message>
    <message>
        <source>Truncation strategy</source>
        <translation>截断策略</translation>
    </message>
    <message>
        <source>Longest first</source>
        <translation>最长优先</translation>
    </message>
    <message>
        <source>Only first</source>
        <translation>仅第一段</translation>
    </message>
    <message>
        <source>Only second</source>
        <translation>仅第二段</translation>
    </message>
    <message>
        <source>Do not truncate</source>
        <translation>不截断</translation>
    </message>
    <message>
        <source>Which segment loses tokens when the input is too long, as transformers&apos; truncation= argument</source>
        <translation>输入过长时由哪一段删减词元，对应 transformers 的 truncation= 参数</translation>
    </message>
    <message>
        <source>T&amp;runcation:</source>
        <translation>截断(&amp;R)：</translation>
    </message>
    <message>
        <source>Add &amp;special tokens</source>
        <translation>添加特殊词元(&amp;S)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>复制 ID(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the input ids as a list, e.g. [101, 7592, 102]</source>
        <translation>将输入 ID 复制为列表，例如 [101, 7592, 102]</translation>
    </message>
    <message>
        <source>Model inputs</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <source>Select a model to load its tokenizer.</source>
        <translation>选择一个模型以加载其分词器。</translation>
    </message>
    <message>
        <source>WordPiece</source>
        <translation>WordPiece</translation>
    </message>
    <message>
        <source>byte-level BPE</source>
        <translation>字节级 BPE</translation>
    </message>
    <message>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <source>No tokenizer.</source>
        <translation>无分词器。</translation>
    </message>
    <message>
        <source>Tokenizer of %1: %2, %3 tokens in the vocabulary</source>
        <translation>%1 的分词器：%2，词表中有 %3 个词元</translation>
    </message>
    <message>
        <source>No tokenizer loaded</source>
        <translation>未加载分词器</translation>
    </message>
    <message>
        <source>more than the %1 positions the model has</source>
        <translation>超过了模型的 %1 个位置</translation>
    </message>
    <message>
        <source>(the model takes up to %1)</source>
        <translation>（模型最多接受 %1 个）</translation>
    </message>
    <message>
        <source>Cannot encode this input: %1</source>
        <translation>无法编码此输入：%1</translation>
    </message>
    <message>
        <source>No tokens: the tokenizer rejected the input.</source>
        <translation>没有词元：分词器拒绝了该输入。</translation>
    </message>
    <message>
        <source>No tokens.</source>
        <translation>没有词元。</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from the text, %2 from the pair</source>
        <translation>%1 个来自文本，%2 个来自文本对</translation>
    </message>
    <message>
        <source>%1 special</source>
        <translation>%1 个特殊词元</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 个未知词元</translation>
    </message>
    <message>
        <source>truncated from %1</source>
        <translation>从 %1 个截断</translation>
    </message>
</context>
<context>
    <name>childtune::app::TrainingPage</name>
    <message>
        <source>No run yet: choose a model and a task, then Start (Ctrl+R).</source>
        <translation>尚无运行：请选择模型和任务，然后点击“开始”（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Fisher information</source>
        <translation>Fisher 信息</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>Fisher estimation progress</source>
        <translation>Fisher 估计进度</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Estimated time left</source>
        <translation>预计剩余时间</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>Training charts</source>
        <translation>训练图表</translation>
    </message>
    <message>
        <source>Last evaluation</source>
        <translation>最近一次评估</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Finished in %1: %2</source>
        <translation>用时 %1 完成：%2</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Loading the model and data</source>
        <translation>正在加载模型和数据</translation>
    </message>
    <message>
        <source>Tokenizing</source>
        <translation>正在分词</translation>
    </message>
    <message>
        <source>Estimating Fisher information</source>
        <translation>正在估计 Fisher 信息</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>step %1 / %2 · epoch %3</source>
        <translation>第 %1 / %2 步 · 第 %3 轮</translation>
    </message>
    <message>
        <source>ETA %1 · %2 ex/s</source>
        <translation>剩余 %1 · %2 样本/秒</translation>
    </message>
    <message>
        <source>Step %1 (%2): %3 · loss %4</source>
        <translation>第 %1 步（%2）：%3 · 损失 %4</translation>
    </message>
    <message>
        <source>batch %1 / %2</source>
        <translation>批次 %1 / %2</translation>
    </message>
    <message>
        <source>ETA %1 (Fisher)</source>
        <translation>剩余 %1（Fisher）</translation>
    </message>
</context>
<context>
    <name>childtune::app::TrainingWorker</name>
    <message>
        <source>unknown error in the training thread</source>
        <translation>训练线程中发生未知错误</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ChildNetworkHeatmap</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Heatmap value</source>
        <translation>热图数值</translation>
    </message>
    <message>
        <source>What the colour of each layer × module cell shows.</source>
        <translation>每个“层 × 模块”单元格的颜色所表示的内容。</translation>
    </message>
    <message>
        <source>Fraction in child network</source>
        <translation>子网络中的比例</translation>
    </message>
    <message>
        <source>Mean Fisher score (log)</source>
        <translation>平均 Fisher 分数（对数）</translation>
    </message>
    <message>
        <source>Max Fisher score (log)</source>
        <translation>最大 Fisher 分数（对数）</translation>
    </message>
    <message>
        <source>Child network by layer and module</source>
        <translation>按层和模块划分的子网络</translation>
    </message>
    <message>
        <source>No Fisher information yet: estimate it with Child-Tuning_D.</source>
        <translation>尚无 Fisher 信息：请用 Child-Tuning_D 进行估计。</translation>
    </message>
    <message>
        <source>Mean Fisher score</source>
        <translation>平均 Fisher 分数</translation>
    </message>
    <message>
        <source>Max Fisher score</source>
        <translation>最大 Fisher 分数</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>子网络</translation>
    </message>
    <message>
        <source>Child network: %1 of %2 weights (%3) at p&lt;sub&gt;D&lt;/sub&gt; = %4 · global threshold %5</source>
        <translation>子网络：%2 个权重中的 %1 个（%3），p&lt;sub&gt;D&lt;/sub&gt; = %4 · 全局阈值 %5</translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>In child network: %1 (%2)</source>
        <translation>在子网络中：%1（%2）</translation>
    </message>
    <message>
        <source>Fisher mean: %1</source>
        <translation>Fisher 平均值：%1</translation>
    </message>
    <message>
        <source>Fisher median: %1</source>
        <translation>Fisher 中位数：%1</translation>
    </message>
    <message>
        <source>Fisher max: %1</source>
        <translation>Fisher 最大值：%1</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ChildTuningDiagram</name>
    <message>
        <source>Diagram: which weights each method updates</source>
        <translation>示意图：每种方法更新哪些权重</translation>
    </message>
    <message>
        <source>Fine-tuning updates every weight. Child-Tuning_F updates a new random fraction p_F of every weight tensor at each step, scaled by 1/p_F. Child-Tuning_D updates a fixed fraction p_D of the encoder weights chosen by Fisher information, plus all embedding, pooler and classifier weights.</source>
        <translation>微调会更新每一个权重。Child-Tuning_F 在每一步对每个权重张量随机选取新的比例 p_F 进行更新，并按 1/p_F 缩放。Child-Tuning_D 更新按 Fisher 信息选出的固定比例 p_D 的编码器权重，以及全部嵌入层、池化层和分类器权重。</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>every weight,
every step</source>
        <translation>每个权重，
每一步</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>random %1% per step,
kept ones ×1/p_F</source>
        <translation>每步随机 %1%，
保留的 ×1/p_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>fixed top %1%
of encoder by Fisher</source>
        <translation>按 Fisher 固定选取
编码器前 %1%</translation>
    </message>
    <message>
        <source>bottom: embeddings · middle: layers · top: classifier</source>
        <translation>底部：嵌入层 · 中部：各层 · 顶部：分类器</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>always updated</source>
        <translation>始终更新</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>冻结</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::FisherDistributionPlot</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Fisher score distribution per layer with the global threshold</source>
        <translation>各层的 Fisher 分数分布及全局阈值</translation>
    </message>
    <message>
        <source>Fisher score (log scale)</source>
        <translation>Fisher 分数（对数刻度）</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>编码器层</translation>
    </message>
    <message>
        <source>In child network</source>
        <translation>在子网络中</translation>
    </message>
    <message>
        <source>No Fisher information yet</source>
        <translation>尚无 Fisher 信息</translation>
    </message>
    <message>
        <source>Layer %1: %2 of its %3 weights score at or above the global threshold %4</source>
        <translation>第 %1 层：其 %3 个权重中有 %2 个的分数达到或超过全局阈值 %4</translation>
    </message>
    <message>
        <source>Global threshold %1
(p_D = %2)</source>
        <translation>全局阈值 %1
（p_D = %2）</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::Format</name>
    <message>
        <source>%1 G</source>
        <translation>%1 G</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 k</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::HistoryView</name>
    <message>
        <source>#%1 %2 %3</source>
        <translation>#%1 %2 %3</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>Task filter</source>
        <translation>任务筛选</translation>
    </message>
    <message>
        <source>Method filter</source>
        <translation>方法筛选</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <source>Search names, tags, notes, models…</source>
        <translation>搜索名称、标签、备注、模型…</translation>
    </message>
    <message>
        <source>Search runs</source>
        <translation>搜索运行</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh the run list</source>
        <translation>刷新运行列表</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected runs</source>
        <translation>删除所选运行</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the selected runs</source>
        <translation>导出所选运行</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Train the selected run&apos;s configuration again</source>
        <translation>用所选运行的配置再次训练</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Resume the selected run from its last checkpoint</source>
        <translation>从最后一个检查点继续所选运行</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Notes &amp;&amp; tags</source>
        <translation>备注 &amp;&amp; 标签</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>运行详情</translation>
    </message>
    <message>
        <source>Curves of the selected runs</source>
        <translation>所选运行的曲线</translation>
    </message>
    <message>
        <source>Configuration differences (seed ignored):</source>
        <translation>配置差异（忽略种子）：</translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation>配置差异</translation>
    </message>
    <message>
        <source>Runs that differ only by seed (final metrics):</source>
        <translation>仅种子不同的运行（最终指标）：</translation>
    </message>
    <message>
        <source>Seed groups</source>
        <translation>种子分组</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Mean ± std</source>
        <translation>均值 ± 标准差</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>T&amp;ags (comma separated):</source>
        <translation>标签（以逗号分隔）(&amp;A)：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save notes and tags</source>
        <translation>保存备注和标签</translation>
    </message>
    <message>
        <source>Cannot open the run store %1: %2</source>
        <translation>无法打开运行存储 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the run store: %1</source>
        <translation>无法读取运行存储：%1</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>所有方法</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Cannot read the curves of run %1: %2</source>
        <translation>无法读取运行 %1 的曲线：%2</translation>
    </message>
    <message>
        <source>No run store is open.</source>
        <translation>没有打开的运行存储。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected run(s) differ only by seed.</source>
        <translation>
            <numerusform>所选的 %n 个运行仅种子不同。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ between the selected runs (seed ignored).</source>
        <translation>
            <numerusform>所选运行之间有 %n 项设置不同（忽略种子）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select runs to compare. Seed groups of all listed finished runs are shown below.</source>
        <translation>选择要比较的运行。下方显示所有已列出的已完成运行的种子分组。</translation>
    </message>
    <message>
        <source>Select two or more runs to compare their settings.</source>
        <translation>选择两个或更多运行以比较它们的设置。</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>Cannot compare the runs: %1</source>
        <translation>无法比较这些运行：%1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and everything recorded for them? Checkpoint folders on disk are kept.</source>
        <translation>
            <numerusform>删除 %n 个运行及其所有记录？磁盘上的检查点文件夹会保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: %1</source>
        <translation>未删除任何内容：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出运行</translation>
    </message>
    <message>
        <source>runs.json</source>
        <translation>runs.json</translation>
    </message>
    <message>
        <source>Cannot re-run run %1: %2</source>
        <translation>无法重新运行运行 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save the notes of run %1: %2</source>
        <translation>无法保存运行 %1 的备注：%2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::LearnView</name>
    <message>
        <source>Explanation of fine-tuning and Child-Tuning</source>
        <translation>微调与 Child-Tuning 的说明</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fine-tuning&lt;/h3&gt;&lt;p&gt;A pretrained language model already knows a lot about text. To teach it a task, such as telling positive from negative reviews, we put a small classifier on top and keep training &lt;i&gt;all&lt;/i&gt; of its weights on labelled examples. Each step runs a batch through the model, measures the loss, back-propagates a gradient to every weight, clips the length of all gradients together to at most 1, and lets AdamW turn each gradient into a small update.&lt;/p&gt;&lt;h3&gt;Child-Tuning&lt;/h3&gt;&lt;p&gt;Child-Tuning (Xu et al., EMNLP 2021) updates only a &lt;b&gt;child network&lt;/b&gt;, a subset of the weights, by setting the other gradients to zero before the optimizer sees them. Changing fewer weights keeps more of what pretraining learned, which often helps on small datasets.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_F&lt;/b&gt; (task-free): at every step each gradient element is kept with probability p_F, a fresh Bernoulli draw, and the kept ones are multiplied by 1/p_F so the gradient stays the same on average. The mask covers every parameter. A dropped weight can still move a little through Adam&apos;s momentum from earlier steps.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_D&lt;/b&gt; (task-driven): before training, the Fisher information of each encoder weight (its squared gradient, averaged over the training data) measures how much the task depends on it. The top p_D of all encoder weights, cut by one global threshold, form the child network, fixed for the whole run; their gradients pass unscaled. Encoder weights outside it never get a gradient, so only weight decay changes them. Embeddings, pooler and classifier are always updated.&lt;/p&gt;&lt;p&gt;The step-through trains a tiny BERT on a toy sentiment task with ChildTune&apos;s own optimizer and masks, one real step at a time.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;微调&lt;/h3&gt;&lt;p&gt;预训练语言模型已经对文本了解很多。为了让它学会一项任务，例如区分正面和负面评论，我们在它上面加一个小分类器，并在带标签的样本上继续训练它的&lt;i&gt;所有&lt;/i&gt;权重。每一步将一个批次送入模型，计算损失，把梯度反向传播到每个权重，将所有梯度合起来的长度裁剪到最多 1，再由 AdamW 把每个梯度变成一次小的更新。&lt;/p&gt;&lt;h3&gt;Child-Tuning&lt;/h3&gt;&lt;p&gt;Child-Tuning（Xu 等，EMNLP 2021）只更新一个&lt;b&gt;子网络&lt;/b&gt;，即权重的一个子集：在优化器看到梯度之前，把其余的梯度置为零。改动的权重越少，保留的预训练知识就越多，这在小数据集上往往有帮助。&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_F&lt;/b&gt;（与任务无关）：在每一步，每个梯度元素以概率 p_F 被保留（每次重新进行伯努利抽样），保留的元素乘以 1/p_F，使梯度的期望保持不变。掩码覆盖所有参数。被丢弃的权重仍可能因 Adam 中来自先前步骤的动量而略微变化。&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_D&lt;/b&gt;（任务驱动）：训练之前，用每个编码器权重的 Fisher 信息（其梯度的平方在训练数据上的平均值）衡量任务对它的依赖程度。所有编码器权重中排在前 p_D 的部分（由一个全局阈值划分）构成子网络，并在整个运行中保持固定；它们的梯度不经缩放直接通过。子网络之外的编码器权重永远得不到梯度，因此只有权重衰减会改变它们。嵌入层、池化层和分类器始终会被更新。&lt;/p&gt;&lt;p&gt;逐步演示使用 ChildTune 自己的优化器和掩码，在一个玩具情感分类任务上训练一个微型 BERT，每次执行一个真实的步骤。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Step through one optimizer step at a time&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;逐步执行，每次一个优化器步骤&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Fine-tuning (vanilla)</source>
        <translation>微调（普通）</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Which weights get a gradient at each step</source>
        <translation>每一步哪些权重会得到梯度</translation>
    </message>
    <message>
        <source>Reserve fraction p</source>
        <translation>保留比例 p</translation>
    </message>
    <message>
        <source>The fraction of weights in the child network (p_D) or kept per step (p_F)</source>
        <translation>子网络中权重的比例（p_D）或每步保留的比例（p_F）</translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <source>Watched weight matrix</source>
        <translation>观察的权重矩阵</translation>
    </message>
    <message>
        <source>The weight matrix whose top-left 8 × 8 block is shown</source>
        <translation>显示其左上角 8 × 8 块的权重矩阵</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>AdamW&apos;s step size; the first Adam step moves a weight by about this much</source>
        <translation>AdamW 的步长；Adam 的第一步大约会让权重移动这么多</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Seeds the tiny model, its data and the Bernoulli masks: the same seed gives the same steps</source>
        <translation>为微型模型、其数据和伯努利掩码设定种子：相同的种子产生相同的步骤</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Steps per second while playing</source>
        <translation>播放时每秒的步数</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Take a step at the chosen speed</source>
        <translation>以所选速度连续执行步骤</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop after the current step</source>
        <translation>在当前步骤之后停止</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Take exactly one step</source>
        <translation>只执行一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start again from the same initial weights (step 0)</source>
        <translation>从相同的初始权重重新开始（第 0 步）</translation>
    </message>
    <message>
        <source>element-wise product</source>
        <translation>逐元素乘积</translation>
    </message>
    <message>
        <source>masked (and rescaled)</source>
        <translation>掩码（并重新缩放）</translation>
    </message>
    <message>
        <source>Adam
→</source>
        <translation>Adam
→</translation>
    </message>
    <message>
        <source>AdamW: moments, bias correction, weight decay</source>
        <translation>AdamW：矩估计、偏差校正、权重衰减</translation>
    </message>
    <message>
        <source>added to the weights</source>
        <translation>加到权重上</translation>
    </message>
    <message>
        <source>Blue negative, red positive, white zero; each grid scales to its largest value. Hatched cells got no gradient this step. Hover a cell for its exact value.</source>
        <translation>蓝色为负，红色为正，白色为零；每个网格按其最大值缩放。带斜线的单元格在这一步没有得到梯度。将鼠标悬停在单元格上可查看其精确值。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>What this step did</source>
        <translation>这一步做了什么</translation>
    </message>
    <message>
        <source>Fisher score</source>
        <translation>Fisher 分数</translation>
    </message>
    <message>
        <source>Tiny %1 · %2 examples, batch %3 · %4 weights</source>
        <translation>微型 %1 · %2 个样本，批大小 %3 · %4 个权重</translation>
    </message>
    <message>
        <source>Gradient (clipped)</source>
        <translation>梯度（已裁剪）</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Update Δw</source>
        <translation>更新量 Δw</translation>
    </message>
    <message>
        <source>Bernoulli mask</source>
        <translation>伯努利掩码</translation>
    </message>
    <message>
        <source>Masked × 1/%1</source>
        <translation>掩码后 × 1/%1</translation>
    </message>
    <message>
        <source>Mask (all kept)</source>
        <translation>掩码（全部保留）</translation>
    </message>
    <message>
        <source>Gradient to Adam</source>
        <translation>传给 Adam 的梯度</translation>
    </message>
    <message>
        <source>Fisher child mask</source>
        <translation>Fisher 子网络掩码</translation>
    </message>
    <message>
        <source>Masked gradient</source>
        <translation>掩码后的梯度</translation>
    </message>
    <message>
        <source>p_F</source>
        <translation>p_F</translation>
    </message>
    <message>
        <source>p_D</source>
        <translation>p_D</translation>
    </message>
    <message>
        <source>The step-through could not start; see the message above.</source>
        <translation>逐步演示无法启动；请查看上方的消息。</translation>
    </message>
    <message>
        <source>Step 0 · watching the top-left %1 × %2 of %3 (%4 × %5)</source>
        <translation>第 0 步 · 观察 %3（%4 × %5）左上角的 %1 × %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step 0.&lt;/b&gt; The weights on the right are the tiny model&apos;s starting point. Press &lt;b&gt;Step&lt;/b&gt; to run one real optimizer step, or &lt;b&gt;Play&lt;/b&gt;.</source>
        <translation>&lt;b&gt;第 0 步。&lt;/b&gt;右侧的权重是微型模型的起点。按&lt;b&gt;单步&lt;/b&gt;执行一次真实的优化器步骤，或按&lt;b&gt;播放&lt;/b&gt;。</translation>
    </message>
    <message>
        <source> Fisher information was estimated over all %1 training examples: %2 of %3 encoder weights (%4%) are above the global threshold %5 and form the child network. Hover the mask to see each weight&apos;s Fisher score.</source>
        <translation> Fisher 信息是在全部 %1 个训练样本上估计的：%3 个编码器权重中有 %2 个（%4%）高于全局阈值 %5，构成子网络。将鼠标悬停在掩码上可查看每个权重的 Fisher 分数。</translation>
    </message>
    <message>
        <source>clipped ×%1</source>
        <translation>裁剪 ×%1</translation>
    </message>
    <message>
        <source>not clipped</source>
        <translation>未裁剪</translation>
    </message>
    <message>
        <source>Step %1 · loss %2 · gradient norm %3 (%4) · lr %5 · %6% of all weights got a gradient</source>
        <translation>第 %1 步 · 损失 %2 · 梯度范数 %3（%4）· 学习率 %5 · %6% 的权重得到了梯度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fine-tuning&lt;/b&gt; passes every gradient element to Adam (%1 of %2 here). Adam divides each by the running size of its own past gradients, so after the first steps every weight moves by roughly the learning rate, whatever its gradient&apos;s size.</source>
        <translation>&lt;b&gt;微调&lt;/b&gt;把每个梯度元素都传给 Adam（这里是 %2 个中的 %1 个）。Adam 将每个梯度除以它自身以往梯度的滑动幅度，因此在最初几步之后，无论梯度大小如何，每个权重的移动量都大致等于学习率。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Child-Tuning_F&lt;/b&gt; drew a new Bernoulli mask for step %1: %2 of %3 elements here were kept (p_F = %4) and multiplied by 1/p_F = %5, so the gradient is unchanged on average. Hatched cells got no gradient this step; they still move a little through Adam&apos;s momentum from earlier steps and by weight decay. Press Step again: the mask changes.</source>
        <translation>&lt;b&gt;Child-Tuning_F&lt;/b&gt; 为第 %1 步抽取了新的伯努利掩码：这里 %3 个元素中保留了 %2 个（p_F = %4），并乘以 1/p_F = %5，因此梯度的期望不变。带斜线的单元格在这一步没有得到梯度；它们仍会因 Adam 中先前步骤的动量和权重衰减而略微变化。再按一次“单步”：掩码会改变。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Child-Tuning_D&lt;/b&gt; uses the same child network at every step, chosen once from Fisher information: %1 of %2 elements here are in it. Their gradients pass unscaled. The hatched ones never get a gradient, so Adam leaves them alone and only weight decay (−lr · wd · w, a few millionths) shrinks them. Embeddings, pooler and classifier are always updated.</source>
        <translation>&lt;b&gt;Child-Tuning_D&lt;/b&gt; 在每一步都使用同一个子网络，它由 Fisher 信息一次性选出：这里 %2 个元素中有 %1 个属于它。它们的梯度不经缩放直接通过。带斜线的元素永远得不到梯度，因此 Adam 不会改变它们，只有权重衰减（−lr · wd · w，百万分之几）使它们缩小。嵌入层、池化层和分类器始终会被更新。</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MaskDensityPlot</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Sampled gradient mask density per layer</source>
        <translation>各层采样的梯度掩码密度</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>编码器层</translation>
    </message>
    <message>
        <source>Mask density</source>
        <translation>掩码密度</translation>
    </message>
    <message>
        <source>No Child-Tuning_F masks sampled yet</source>
        <translation>尚未采样 Child-Tuning_F 掩码</translation>
    </message>
    <message>
        <source>expected p_F = %1</source>
        <translation>期望 p_F = %1</translation>
    </message>
    <message>
        <source>Sampled gradient mask density</source>
        <translation>采样的梯度掩码密度</translation>
    </message>
    <message>
        <source>Sampled gradient mask density at step %1</source>
        <translation>第 %1 步采样的梯度掩码密度</translation>
    </message>
    <message>
        <source>Layer %1: %2 of the gradient kept (expected %3)</source>
        <translation>第 %1 层：保留了 %2 的梯度（期望 %3）</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MatrixGridWidget</name>
    <message>
        <source>%1
row %2, column %3</source>
        <translation>%1
第 %2 行，第 %3 列</translation>
    </message>
    <message>
        <source>kept (1)</source>
        <translation>保留 (1)</translation>
    </message>
    <message>
        <source>dropped (0)</source>
        <translation>丢弃 (0)</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>值 %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no step yet</source>
        <translation>尚无步骤</translation>
    </message>
    <message>
        <source>%1 of %2 kept</source>
        <translation>保留 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>colour range ±%1</source>
        <translation>颜色范围 ±%1</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>%1 by %2 matrix, %3</source>
        <translation>%1 × %2 矩阵，%3</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MessageBanner</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelCatalogModel</name>
    <message numerus="yes">
        <source>%1, %n layer(s)</source>
        <translation>
            <numerusform>%1，%n 层</numerusform>
        </translation>
    </message>
    <message>
        <source>ChildTune</source>
        <translation>ChildTune</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Added folder</source>
        <translation>添加的文件夹</translation>
    </message>
    <message>
        <source>HF cache</source>
        <translation>HF 缓存</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>无法使用：%1</translation>
    </message>
    <message>
        <source>%1 · %2 parameters</source>
        <translation>%1 · %2 个参数</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelDetailsWidget</name>
    <message>
        <source>WordPiece</source>
        <translation>WordPiece</translation>
    </message>
    <message>
        <source>Byte-level BPE</source>
        <translation>字节级 BPE</translation>
    </message>
    <message>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>模型详情</translation>
    </message>
    <message>
        <source>No model selected</source>
        <translation>未选择模型</translation>
    </message>
    <message>
        <source>Pick a model in the list, or add a folder that holds a Hugging Face model (config.json, model.safetensors and tokenizer files) with File ▸ Add Model Folder…</source>
        <translation>请在列表中选择一个模型，或通过“文件 ▸ 添加模型文件夹…”添加包含 Hugging Face 模型（config.json、model.safetensors 和分词器文件）的文件夹</translation>
    </message>
    <message>
        <source>ChildTune cannot use this model:</source>
        <translation>ChildTune 无法使用此模型：</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Model type</source>
        <translation>模型类型</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>编码器层数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation>前馈层大小</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation>最大位置数</translation>
    </message>
    <message>
        <source>Segment types</source>
        <translation>片段类型数</translation>
    </message>
    <message>
        <source>Position embeddings</source>
        <translation>位置嵌入</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>LayerNorm ε</source>
        <translation>LayerNorm ε</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Classifier head</source>
        <translation>分类头</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Weights on disk</source>
        <translation>磁盘上的权重</translation>
    </message>
    <message>
        <source>Parameters per encoder layer</source>
        <translation>每个编码器层的参数</translation>
    </message>
    <message>
        <source>Parameters per encoder layer, stacked by module</source>
        <translation>每个编码器层的参数，按模块堆叠</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>编码器层</translation>
    </message>
    <message>
        <source>Parameters by module</source>
        <translation>按模块划分的参数</translation>
    </message>
    <message>
        <source>Filter by name, module or layer…</source>
        <translation>按名称、模块或层筛选…</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>筛选张量</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n layer(s) · %2 parameters · %3</source>
        <translation>
            <numerusform>%1 · %n 层 · %2 个参数 · %3</numerusform>
        </translation>
    </message>
    <message>
        <source>model_type &quot;%1&quot; in config.json</source>
        <translation>config.json 中的 model_type “%1”</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>heads × size of each head</source>
        <translation>头数 × 每个头的大小</translation>
    </message>
    <message>
        <source>%1 hidden, %2 attention</source>
        <translation>隐藏层 %1，注意力 %2</translation>
    </message>
    <message numerus="yes">
        <source>yes, %n label(s)</source>
        <translation>
            <numerusform>是，%n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>none (added when training)</source>
        <translation>无（训练时添加）</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 个张量</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n file(s)</source>
        <translation>
            <numerusform>%1，共 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters (millions)</source>
        <translation>参数（百万）</translation>
    </message>
    <message>
        <source>Parameters (thousands)</source>
        <translation>参数（千）</translation>
    </message>
    <message numerus="yes">
        <source>%n encoder layer(s); the largest holds %1 parameters</source>
        <translation>
            <numerusform>%n 个编码器层；最大的一层有 %1 个参数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n 个张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tensor(s)</source>
        <translation>
            <numerusform>%1 / %n 个张量</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2
%3 parameters (%4 % of the layer)</source>
        <translation>第 %1 层 · %2
%3 个参数（占该层的 %4 %）</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelPickerWidget</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>筛选模型</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>可用模型</translation>
    </message>
    <message>
        <source>No models found.</source>
        <translation>未找到模型。</translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation>没有与“%1”匹配的模型。</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModuleKind</name>
    <message>
        <source>Embeddings</source>
        <translation>嵌入层</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Attention output</source>
        <translation>注意力输出</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>中间层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>Pooler</source>
        <translation>池化层</translation>
    </message>
    <message>
        <source>Classifier head</source>
        <translation>分类头</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModuleKindShort</name>
    <message>
        <source>Embed.</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Attn. out</source>
        <translation>注意力输出</translation>
    </message>
    <message>
        <source>Interm.</source>
        <translation>中间层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>LN</source>
        <translation>LN</translation>
    </message>
    <message>
        <source>Pooler</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModuleKindTableModel</name>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::OverlapHeatmap</name>
    <message>
        <source>Child network overlap per layer (Jaccard index)</source>
        <translation>各层的子网络重叠度（Jaccard 指数）</translation>
    </message>
    <message>
        <source>Jaccard index</source>
        <translation>Jaccard 指数</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>编码器层</translation>
    </message>
    <message>
        <source>Select two runs with child networks to compare them.</source>
        <translation>选择两个具有子网络的运行进行比较。</translation>
    </message>
    <message>
        <source>%1
Layer %2: Jaccard %3</source>
        <translation>%1
第 %2 层：Jaccard %3</translation>
    </message>
    <message>
        <source>not in both runs</source>
        <translation>并非两次运行中都有</translation>
    </message>
    <message>
        <source>Child network overlap</source>
        <translation>子网络重叠度</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Child network overlap (Jaccard, all layers) · %1</source>
        <translation>子网络重叠度（Jaccard，所有层）· %1</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ParameterListModel</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::RunConfigForm</name>
    <message>
        <source>Vanilla fine-tuning</source>
        <translation>普通微调</translation>
    </message>
    <message>
        <source>Child-Tuning_F (task-free)</source>
        <translation>Child-Tuning_F（与任务无关）</translation>
    </message>
    <message>
        <source>Child-Tuning_D (task-driven)</source>
        <translation>Child-Tuning_D（任务驱动）</translation>
    </message>
    <message>
        <source>Ablation: random child network</source>
        <translation>消融：随机子网络</translation>
    </message>
    <message>
        <source>Ablation: lowest-Fisher child network</source>
        <translation>消融：Fisher 最低的子网络</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <source>Reserve &amp;p:</source>
        <translation>保留比例 &amp;p：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>训练轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>Max &amp;length:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Warmup:</source>
        <translation>预热(&amp;W)：</translation>
    </message>
    <message>
        <source>Weight &amp;decay:</source>
        <translation>权重衰减(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <source>Training &amp;subset:</source>
        <translation>训练子集(&amp;S)：</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>设备(&amp;V)：</translation>
    </message>
    <message>
        <source>Vanilla updates every weight; Child-Tuning updates only a child network of them.</source>
        <translation>普通微调更新每一个权重；Child-Tuning 只更新其中的一个子网络。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Fraction of the weights in the child network: p_F for Child-Tuning_F (kept per step at random), p_D for Child-Tuning_D (highest Fisher).</source>
        <translation>子网络中权重的比例：Child-Tuning_F 为 p_F（每步随机保留），Child-Tuning_D 为 p_D（Fisher 最高的权重）。</translation>
    </message>
    <message>
        <source>Reserve ratio p</source>
        <translation>保留比例 p</translation>
    </message>
    <message>
        <source>Reserve ratio p slider</source>
        <translation>保留比例 p 滑块</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>Use the paper&apos;s p for this task</source>
        <translation>使用论文中该任务的 p</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, reached after warmup and decayed linearly.</source>
        <translation>AdamW 的峰值学习率，预热后达到，然后线性衰减。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>How many times training goes over the whole training set.</source>
        <translation>训练遍历整个训练集的次数。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Examples per optimizer step.</source>
        <translation>每个优化器步骤的样本数。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Longest input in tokens, special tokens included; longer inputs are truncated.</source>
        <translation>以词元计的最长输入（含特殊词元）；更长的输入会被截断。</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Fraction of all steps over which the learning rate rises from 0.</source>
        <translation>学习率从 0 开始上升所占的步骤比例。</translation>
    </message>
    <message>
        <source>Warmup ratio</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>AdamW&apos;s decoupled weight decay, applied to every weight.</source>
        <translation>AdamW 的解耦权重衰减，作用于每个权重。</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Seed for data order, dropout, masks and the classifier&apos;s start values.</source>
        <translation>用于数据顺序、dropout、掩码和分类器初始值的种子。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source> seeds</source>
        <translation> 个种子</translation>
    </message>
    <message>
        <source>Start this many runs one after another, with seeds seed, seed+1, …</source>
        <translation>依次启动这么多次运行，种子分别为 seed、seed+1、…</translation>
    </message>
    <message>
        <source>Number of seeds</source>
        <translation>种子数量</translation>
    </message>
    <message>
        <source>all examples</source>
        <translation>所有样本</translation>
    </message>
    <message>
        <source>Train on only this many examples (0: all), e.g. 1000 for the paper&apos;s low-resource setting.</source>
        <translation>只在这么多样本上训练（0：全部），例如论文低资源设置中的 1000。</translation>
    </message>
    <message>
        <source>Training subset size</source>
        <translation>训练子集大小</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Draw the subset at random (with the seed) instead of taking the first examples.</source>
        <translation>随机抽取子集（使用种子），而不是取最前面的样本。</translation>
    </message>
    <message>
        <source>Random subset</source>
        <translation>随机子集</translation>
    </message>
    <message>
        <source>Where the model trains: the CPU or a CUDA GPU.</source>
        <translation>模型在何处训练：CPU 或 CUDA GPU。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Validation message</source>
        <translation>验证消息</translation>
    </message>
    <message>
        <source>Reserve p_&amp;F:</source>
        <translation>保留比例 p_&amp;F：</translation>
    </message>
    <message>
        <source>Reserve p_&amp;D:</source>
        <translation>保留比例 p_&amp;D：</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight (p = 1).</source>
        <translation>普通微调会更新每一个权重（p = 1）。</translation>
    </message>
    <message>
        <source>Use the Child-Tuning paper&apos;s value for %1: p = %2</source>
        <translation>使用 Child-Tuning 论文中 %1 的值：p = %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::RunHistoryModel</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Vanilla</source>
        <translation>普通微调</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>Child-Tuning_D (random)</source>
        <translation>Child-Tuning_D（随机）</translation>
    </message>
    <message>
        <source>Child-Tuning_D (lowest)</source>
        <translation>Child-Tuning_D（最低）</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Final score</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::SparklineWidget</name>
    <message>
        <source>%1: no steps yet</source>
        <translation>%1：尚无步骤</translation>
    </message>
    <message>
        <source>%1 %2 (min %3, max %4)</source>
        <translation>%1 %2（最小 %3，最大 %4）</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TaskPickerWidget</name>
    <message>
        <source>The benchmark task to fine-tune on.</source>
        <translation>要微调的基准任务。</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>定位…</translation>
    </message>
    <message>
        <source>Choose the folder that holds the GLUE tasks (&lt;TASK&gt;/train.tsv, …).</source>
        <translation>选择包含 GLUE 任务的文件夹（&lt;TASK&gt;/train.tsv, …）。</translation>
    </message>
    <message>
        <source>Locate the GLUE data folder</source>
        <translation>定位 GLUE 数据文件夹</translation>
    </message>
    <message>
        <source>Preview of the task&apos;s first rows</source>
        <translation>任务前几行的预览</translation>
    </message>
    <message>
        <source>Task description</source>
        <translation>任务说明</translation>
    </message>
    <message>
        <source>Where the task&apos;s data was found</source>
        <translation>任务数据的发现位置</translation>
    </message>
    <message>
        <source>Locate the GLUE Data Folder</source>
        <translation>定位 GLUE 数据文件夹</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>Metric: %1 · train %2 · %3 %4 · %n label(s)</source>
        <translation>
            <numerusform>指标：%1 · 训练集 %2 · %3 %4 · %n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>the folder you located</source>
        <translation>你指定的文件夹</translation>
    </message>
    <message>
        <source>the app&apos;s data folder</source>
        <translation>应用的数据文件夹</translation>
    </message>
    <message>
        <source>Data: %1 (from %2)</source>
        <translation>数据：%1（来自%2）</translation>
    </message>
    <message>
        <source>First rows of the %1 split:</source>
        <translation>%1 划分的前几行：</translation>
    </message>
    <message>
        <source>Cannot read the preview: %1</source>
        <translation>无法读取预览：%1</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Download the official GLUE data of this task into the app&apos;s data folder.</source>
        <translation>将此任务的官方 GLUE 数据下载到应用的数据文件夹。</translation>
    </message>
    <message>
        <source>Download the task&apos;s data</source>
        <translation>下载任务的数据</translation>
    </message>
    <message>
        <source>Why the located folder cannot be used</source>
        <translation>为何无法使用所定位的文件夹</translation>
    </message>
    <message>
        <source>%1 holds no %2 data. Choose the folder that contains %3 (or the %4 folder itself).</source>
        <translation>%1 中没有 %2 数据。请选择包含 %3 的文件夹（或 %4 文件夹本身）。</translation>
    </message>
    <message>
        <source>Locate… / Download…</source>
        <translation>定位… / 下载…</translation>
    </message>
    <message>
        <source>Data incomplete in %1: %2 missing — %3</source>
        <translation>%1 中的数据不完整：缺少 %2 — %3</translation>
    </message>
    <message>
        <source>Data not found — %1 (or set $CHILDTUNE_GLUE_DIR)</source>
        <translation>未找到数据 — %1（或设置 $CHILDTUNE_GLUE_DIR）</translation>
    </message>
    <message>
        <source>Data not found in %1 — %2</source>
        <translation>在 %1 中未找到数据 — %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TokenLegendWidget</name>
    <message>
        <source>Token colours</source>
        <translation>词元颜色</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>特殊</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TokenViewWidget</name>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>No tokens</source>
        <translation>没有词元</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>片段 %1</translation>
    </message>
    <message>
        <source>special token, segment %1</source>
        <translation>特殊词元，片段 %1</translation>
    </message>
    <message>
        <source>unknown token: the text is not in the vocabulary</source>
        <translation>未知词元：该文本不在词表中</translation>
    </message>
    <message>
        <source>“%1” — position %2
id %3 · type id %4
%5</source>
        <translation>“%1” — 位置 %2
ID %3 · 类型 ID %4
%5</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s): %1</source>
        <translation>
            <numerusform>%n 个词元：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TrainingChartWidget</name>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Loss smoothing</source>
        <translation>损失平滑</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss, as in TensorBoard (0 = raw).</source>
        <translation>训练损失的指数移动平均，与 TensorBoard 相同（0 = 原始值）。</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>对数损失坐标轴</translation>
    </message>
    <message>
        <source>Show the training loss on a logarithmic axis.</source>
        <translation>在对数坐标轴上显示训练损失。</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Reset chart view</source>
        <translation>重置图表视图</translation>
    </message>
    <message>
        <source>Fit all curves again after zooming or panning (also: double-click the chart).</source>
        <translation>缩放或平移后重新显示所有曲线（也可双击图表）。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Save the chart as an image or PDF, or its data as CSV.</source>
        <translation>将图表保存为图像或 PDF，或将其数据保存为 CSV。</translation>
    </message>
    <message>
        <source>PNG Image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>PDF Document…</source>
        <translation>PDF 文档…</translation>
    </message>
    <message>
        <source>Export Chart as PDF</source>
        <translation>将图表导出为 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV Data…</source>
        <translation>CSV 数据…</translation>
    </message>
    <message>
        <source>Export Chart Data as CSV</source>
        <translation>将图表数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Dev metric</source>
        <translation>验证集指标</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>No training steps yet</source>
        <translation>尚无训练步骤</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Could not write the image %1.</source>
        <translation>无法写入图像 %1。</translation>
    </message>
    <message>
        <source>Could not write the PDF %1.</source>
        <translation>无法写入 PDF %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WeightMapView</name>
    <message>
        <source>Fisher scores</source>
        <translation>Fisher 分数</translation>
    </message>
    <message>
        <source>Colour each block by the largest Fisher score in it (log scale).</source>
        <translation>按每个块中最大的 Fisher 分数着色（对数刻度）。</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>子网络</translation>
    </message>
    <message>
        <source>Colour each block by the fraction of its weights in the child network.</source>
        <translation>按每个块中属于子网络的权重比例着色。</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Reset weight map view</source>
        <translation>重置权重图视图</translation>
    </message>
    <message>
        <source>Show the whole tensor again (also: double-click the map).</source>
        <translation>重新显示整个张量（也可双击该图）。</translation>
    </message>
    <message>
        <source>Weight map</source>
        <translation>权重图</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to see that weight matrix.</source>
        <translation>单击热图中的单元格以查看该权重矩阵。</translation>
    </message>
    <message>
        <source>No weight matrix selected</source>
        <translation>未选择权重矩阵</translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation>%1 个值</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>(%1 × %2 blocks of %3 × %4)</source>
        <translation>（%1 × %2 个块，每块 %3 × %4）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Max Fisher score in block</source>
        <translation>块中最大的 Fisher 分数</translation>
    </message>
    <message>
        <source>Fraction in child network</source>
        <translation>子网络中的比例</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Rows %1, columns %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>Elements %1</source>
        <translation>元素 %1</translation>
    </message>
    <message>
        <source>Max Fisher score: %1</source>
        <translation>最大 Fisher 分数：%1</translation>
    </message>
    <message>
        <source>In child network: %1 %</source>
        <translation>在子网络中：%1 %</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WeightMovementHeatmap</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Weight movement measure</source>
        <translation>权重变化的度量</translation>
    </message>
    <message>
        <source>What the colour of each layer × module cell shows.</source>
        <translation>每个“层 × 模块”单元格的颜色所表示的内容。</translation>
    </message>
    <message>
        <source>Relative change ‖Δw‖ / ‖w₀‖</source>
        <translation>相对变化 ‖Δw‖ / ‖w₀‖</translation>
    </message>
    <message>
        <source>Mean |Δw|</source>
        <translation>平均 |Δw|</translation>
    </message>
    <message>
        <source>Fraction of weights changed</source>
        <translation>发生变化的权重比例</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Logarithmic colour scale</source>
        <translation>对数色阶</translation>
    </message>
    <message>
        <source>Colour by the logarithm of the value: small movements stay visible next to large ones.</source>
        <translation>按数值的对数着色：较小的变化在较大的变化旁边仍然可见。</translation>
    </message>
    <message>
        <source>Where the weights moved, by layer and module</source>
        <translation>按层和模块显示权重的变化位置</translation>
    </message>
    <message>
        <source>Where the weights moved appears when a run has finished training: how far each layer and module went from the pretrained weights.</source>
        <translation>运行训练结束后，这里会显示权重的变化位置：每一层、每个模块相对预训练权重的变化幅度。</translation>
    </message>
    <message>
        <source>‖Δw‖ / ‖w₀‖</source>
        <translation>‖Δw‖ / ‖w₀‖</translation>
    </message>
    <message>
        <source>Fraction changed</source>
        <translation>变化比例</translation>
    </message>
    <message>
        <source>Where the weights moved</source>
        <translation>权重的变化位置</translation>
    </message>
    <message numerus="yes">
        <source>Where the weights moved after %n step(s): encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, %3 of the weights changed</source>
        <translation>
            <numerusform>%n 步后权重的变化位置：编码器 ‖Δw‖ / ‖w₀‖ = %1，平均 |Δw| = %2，%3 的权重发生了变化</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>Changed: %1 (%2)</source>
        <translation>已变化：%1（%2）</translation>
    </message>
    <message>
        <source>Mean |Δw|: %1</source>
        <translation>平均 |Δw|：%1</translation>
    </message>
    <message>
        <source>Max |Δw|: %1</source>
        <translation>最大 |Δw|：%1</translation>
    </message>
    <message>
        <source>‖Δw‖: %1 · ‖w₀‖: %2</source>
        <translation>‖Δw‖：%1 · ‖w₀‖：%2</translation>
    </message>
    <message>
        <source>Relative change ‖Δw‖ / ‖w₀‖: %1</source>
        <translation>相对变化 ‖Δw‖ / ‖w₀‖：%1</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WhatIfControl</name>
    <message>
        <source>What if p&lt;sub&gt;D&lt;/sub&gt; =</source>
        <translation>假设 p&lt;sub&gt;D&lt;/sub&gt; =</translation>
    </message>
    <message>
        <source>Child network fraction p_D</source>
        <translation>子网络比例 p_D</translation>
    </message>
    <message>
        <source>Re-threshold the cached Fisher scores: the share of weights in the child network.</source>
        <translation>对缓存的 Fisher 分数重新设定阈值：子网络中权重所占的份额。</translation>
    </message>
    <message>
        <source>Child network: not estimated yet</source>
        <translation>子网络：尚未估计</translation>
    </message>
    <message>
        <source>Child network: %1 of %2 weights (%3 %)</source>
        <translation>子网络：%2 个权重中的 %1 个（%3 %）</translation>
    </message>
</context>
</TS>
