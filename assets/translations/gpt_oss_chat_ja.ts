<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {0}</source>
        <translation>{0} について</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>the user interface (Qt)</source>
        <translation>ユーザーインターフェース (Qt)</translation>
    </message>
    <message>
        <source>running the model (llama.cpp, MIT)</source>
        <translation>モデルの実行 (llama.cpp、MIT)</translation>
    </message>
    <message>
        <source>model downloads</source>
        <translation>モデルのダウンロード</translation>
    </message>
    <message>
        <source>reading model files</source>
        <translation>モデルファイルの読み取り</translation>
    </message>
    <message>
        <source>where files are kept</source>
        <translation>ファイルの保存場所</translation>
    </message>
    <message>
        <source>formatting replies</source>
        <translation>応答の整形</translation>
    </message>
    <message>
        <source>highlighting code</source>
        <translation>コードのハイライト表示</translation>
    </message>
    <message>
        <source>hardware information</source>
        <translation>ハードウェア情報の取得</translation>
    </message>
    <message>
        <source>numbers for llama-cpp-python</source>
        <translation>llama-cpp-python の数値計算</translation>
    </message>
    <message>
        <source>chat templates</source>
        <translation>チャットテンプレート</translation>
    </message>
    <message>
        <source>downloads and servers</source>
        <translation>ダウンロードとサーバー接続</translation>
    </message>
    <message>
        <source>keeping API keys in the system keyring</source>
        <translation>API キーをシステムのキーリングに保管</translation>
    </message>
    <message>
        <source>not stated in the file</source>
        <translation>ファイルに記載なし</translation>
    </message>
    <message>
        <source>Usage policy</source>
        <translation>利用ポリシー</translation>
    </message>
    <message>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>No model is installed yet.</source>
        <translation>モデルはまだインストールされていません。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>利用条件</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Private by design.</source>
        <translation>プライバシーを守る設計です。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Chat with OpenAI&apos;s open-weight gpt-oss models on your own computer.</source>
        <translation>OpenAI のオープンウェイトモデル gpt-oss と、お使いのコンピューター上でチャットできます。</translation>
    </message>
    <message>
        <source>What you type and what the model answers stay on this computer. The app uses the network only for what you start: model downloads, catalog updates, and servers you add. No telemetry.</source>
        <translation>入力した内容とモデルの回答は、このコンピューターの外に出ることはありません。ネットワークを使うのは、モデルのダウンロード、カタログの更新、追加したサーバーへの接続など、ご自身で始めた操作のときだけです。テレメトリーは送信しません。</translation>
    </message>
    <message>
        <source>This application uses Qt for Python (PySide6) and Qt under the GNU Lesser General Public License v3. You may replace the Qt and PySide6 libraries in the installation folder with your own builds. Their source code is available from https://code.qt.io.</source>
        <translation>このアプリケーションは Qt for Python (PySide6) と Qt を GNU Lesser General Public License v3 のもとで使用しています。インストールフォルダー内の Qt と PySide6 のライブラリは、ご自身でビルドしたものに置き換えられます。ソースコードは https://code.qt.io から入手できます。</translation>
    </message>
</context>
<context>
    <name>AllowedTools</name>
    <message>
        <source>Always allowed</source>
        <translation>常に許可</translation>
    </message>
    <message>
        <source>Tools that run without asking</source>
        <translation>確認せずに実行するツール</translation>
    </message>
    <message>
        <source>Every tool asks before it runs. Choose &apos;Always allow this tool&apos; when one asks, and it is listed here.</source>
        <translation>どのツールも実行前に確認します。確認のときに「このツールを常に許可」を選ぶと、ここに表示されます。</translation>
    </message>
    <message>
        <source>Ask again</source>
        <translation>再び確認する</translation>
    </message>
    <message>
        <source>Ask before the chosen tool runs again</source>
        <translation>選んだツールの実行前に再び確認する</translation>
    </message>
    <message>
        <source>{0} (from {1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Something went wrong: {0}

Your conversations are safe. Details were written to {1}.</source>
        <translation>問題が発生しました: {0}

会話は失われていません。詳細は {1} に記録されました。</translation>
    </message>
    <message>
        <source>Replies interrupted when the app last closed: {0}. Their text so far was kept.</source>
        <translation>前回の終了時に {0} 件の応答が中断されました。それまでのテキストは保存されています。</translation>
    </message>
</context>
<context>
    <name>CellOutputs</name>
    <message>
        <source>The figure {0} is no longer there.</source>
        <translation>図 {0} はもうありません。</translation>
    </message>
    <message>
        <source>Figure {0}</source>
        <translation>図 {0}</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>{0} を開く</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>Save a copy of {0} elsewhere</source>
        <translation>{0} のコピーを別の場所に保存します</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>コピーを保存</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>{0} (fork)</source>
        <translation>{0}（分岐）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>The model was unloaded before the reply started. Load a model and retry.</source>
        <translation>応答が始まる前にモデルが解放されました。モデルを読み込んでから再試行してください。</translation>
    </message>
    <message numerus="yes">
        <source>This conversation has outgrown the model&apos;s context: the %n oldest message(s) would have to be left out for the model to answer.</source>
        <translation>
            <numerusform>この会話はモデルのコンテキストに収まらなくなりました。回答するには、古いメッセージ %n 件を除外する必要があります。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatSettingsForm</name>
    <message>
        <source>Confirm or cancel</source>
        <translation>確定またはキャンセル</translation>
    </message>
    <message>
        <source>Instructions for the model</source>
        <translation>モデルへの指示</translation>
    </message>
    <message>
        <source>For example: Answer briefly. Explain code step by step.</source>
        <translation>例: 簡潔に答えてください。コードは順を追って説明してください。</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推論レベル</translation>
    </message>
    <message>
        <source>MCP servers whose tools the model may use</source>
        <translation>モデルがツールを使える MCP サーバー</translation>
    </message>
    <message>
        <source>Document collections the model may search</source>
        <translation>モデルが検索できるドキュメントのコレクション</translation>
    </message>
    <message>
        <source>Python tool</source>
        <translation>Python ツール</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP サーバー</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>ドキュメント</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>抜粋</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Let the model run Python on this computer (asking first)</source>
        <translation>モデルがこのコンピューターで Python を実行できるようにする（実行前に確認）</translation>
    </message>
    <message>
        <source>Put the best passages into the prompt instead of letting the model search</source>
        <translation>モデルに検索させず、最も関連する箇所をプロンプトに入れる</translation>
    </message>
    <message>
        <source>Automatic mode for documents</source>
        <translation>文書の自動モード</translation>
    </message>
    <message>
        <source>For models that cannot use gpt-oss&apos;s browser tool this is always so.</source>
        <translation>gpt-oss のブラウザーツールを使えないモデルでは常にこの方式になります。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <source>Maximum reply length in tokens</source>
        <translation>応答の最大長 (トークン数)</translation>
    </message>
    <message>
        <source>gpt-oss works best at temperature {0} and top p {1}. The reply length includes the model&apos;s reasoning.</source>
        <translation>gpt-oss は温度 {0}、Top p {1} で最も良い結果が得られます。応答の長さにはモデルの推論も含まれます。</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指示</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation>最大応答トークン数</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>このお知らせを閉じる</translation>
    </message>
    <message>
        <source>The reply stays on show until it is saved: make room on the disk, then press Save again.</source>
        <translation>返答は保存されるまで表示されたままです。ディスクの空き容量を確保してから「もう一度保存」を押してください。</translation>
    </message>
    <message>
        <source>Save again</source>
        <translation>もう一度保存</translation>
    </message>
    <message>
        <source>Try again to save the reply</source>
        <translation>返答の保存をもう一度試す</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Try loading the model again</source>
        <translation>モデルの読み込みを再試行</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>別のファイルを選択…</translation>
    </message>
    <message>
        <source>Open another model file</source>
        <translation>別のモデルファイルを開く</translation>
    </message>
    <message>
        <source>Model manager…</source>
        <translation>モデルマネージャー…</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>モデルマネージャーを開く</translation>
    </message>
    <message>
        <source>Delete this message?</source>
        <translation>このメッセージを削除しますか？</translation>
    </message>
    <message numerus="yes">
        <source>Delete this message and the %n message(s) after it?</source>
        <translation>
            <numerusform>このメッセージと、それ以降の %n 件のメッセージを削除しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>メッセージの削除</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>この操作は元に戻せません。</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <source>Remove {0}</source>
        <translation>{0} を削除</translation>
    </message>
</context>
<context>
    <name>CollectionRow</name>
    <message>
        <source>Indexing progress of {0}</source>
        <translation>{0} のインデックス作成の進行状況</translation>
    </message>
</context>
<context>
    <name>CollectionText</name>
    <message>
        <source>Looking for changes…</source>
        <translation>変更を確認しています…</translation>
    </message>
    <message>
        <source>Indexing: {0} of {1} files</source>
        <translation>インデックス作成中: {1} 個中 {0} 個のファイル</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失敗しました: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 個のファイル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not readable</source>
        <translation>
            <numerusform>%n 個は読めません</numerusform>
        </translation>
    </message>
    <message>
        <source>of text</source>
        <translation>のテキスト</translation>
    </message>
    <message>
        <source>Indexing stopped; it goes on from where it stopped</source>
        <translation>インデックス作成は中断しています。中断したところから再開します</translation>
    </message>
    <message>
        <source>up to date, checked {0}</source>
        <translation>最新（{0} に確認）</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>ファイルを添付</translation>
    </message>
    <message>
        <source>Attach files (or drop them here): whole into the message when they fit, else searched</source>
        <translation>ファイルを添付（ここにドロップも可）: 収まるときは全文をメッセージに含め、収まらないときは検索で参照します</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>応答を停止</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <source>Writing a reply… Press Esc or Stop to stop it.</source>
        <translation>応答を作成しています… Esc キーか［停止］で止められます。</translation>
    </message>
    <message>
        <source>The model is loading; you can send once it is ready.</source>
        <translation>モデルを読み込んでいます。準備ができたら送信できます。</translation>
    </message>
    <message>
        <source>Load a model to start chatting: File ▸ Open model…</source>
        <translation>チャットを始めるにはモデルを読み込んでください: ファイル ▸ モデルを開く…</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send, Enter for a new line</source>
        <translation>Ctrl+Enter で送信、Enter で改行</translation>
    </message>
    <message>
        <source>Enter to send, Shift+Enter for a new line</source>
        <translation>Enter で送信、Shift+Enter で改行</translation>
    </message>
    <message>
        <source>Ask anything</source>
        <translation>何でも聞いてください</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>ConversationFilesDialog</name>
    <message>
        <source>Files of this conversation</source>
        <translation>この会話のファイル</translation>
    </message>
    <message>
        <source>The python tool sees these files at /mnt/data; what its code writes appears here.</source>
        <translation>Python ツールはこれらのファイルを /mnt/data として参照します。コードが書き出したファイルもここに表示されます。</translation>
    </message>
    <message>
        <source>No files yet.</source>
        <translation>まだファイルはありません。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Open the chosen file</source>
        <translation>選んだファイルを開きます</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>コピーを保存…</translation>
    </message>
    <message>
        <source>Save a copy of the chosen file</source>
        <translation>選んだファイルのコピーを保存します</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>フォルダーを表示</translation>
    </message>
    <message>
        <source>Show the folder of these files</source>
        <translation>これらのファイルのフォルダーを表示します</translation>
    </message>
    <message>
        <source>Close the files of this conversation</source>
        <translation>この会話のファイルを閉じます</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>コピーを保存</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation>チャットの設定</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>この会話</translation>
    </message>
    <message>
        <source>Values come from the app&apos;s settings or, in a project, from the project, unless this conversation sets its own; Inherit takes them from there again.</source>
        <translation>この会話で独自に設定しない値は、アプリの設定（プロジェクト内ではプロジェクトの設定）から引き継がれます。「継承」を押すと、再びそこから引き継ぎます。</translation>
    </message>
    <message>
        <source>The project&apos;s instructions come before this conversation&apos;s.</source>
        <translation>プロジェクトの指示は、この会話の指示の前に置かれます。</translation>
    </message>
    <message>
        <source>Each tool call asks you first, unless you chose &apos;always&apos; for its tool. MCP servers are added in Tools ▸ MCP servers.</source>
        <translation>「常に許可」にしたツール以外は、呼び出しのたびに確認します。MCP サーバーは「ツール ▸ MCP サーバー」で追加します。</translation>
    </message>
</context>
<context>
    <name>ConversationTree</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>There is no setting {section}.{name}.</source>
        <translation>設定 {section}.{name} はありません。</translation>
    </message>
    <message>
        <source>{section}.{name} must be {allowed}, not {value}.</source>
        <translation>{section}.{name} には{allowed}を指定してください ({value} は指定できません)。</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>{choices} のいずれか</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low}～{high} の整数</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation>{low}～{high} の数値</translation>
    </message>
    <message>
        <source>empty (automatic) or a whole number from 1 to 512</source>
        <translation>空欄 (自動) または 1～512 の整数</translation>
    </message>
    <message>
        <source>on or off</source>
        <translation>オンまたはオフ</translation>
    </message>
    <message>
        <source>text of at most {limit} characters</source>
        <translation>{limit} 文字以内のテキスト</translation>
    </message>
    <message>
        <source>A quantized KV cache (q8_0, q4_0) needs flash attention on.</source>
        <translation>量子化した KV キャッシュ (q8_0、q4_0) を使うには、Flash Attention をオンにしてください。</translation>
    </message>
    <message>
        <source>The settings file is not a JSON object; defaults are used.</source>
        <translation>設定ファイルが JSON オブジェクトではありません。既定の設定を使います。</translation>
    </message>
    <message>
        <source>{problem} The default is used.</source>
        <translation>{problem}既定値を使います。</translation>
    </message>
    <message>
        <source>{problem} The default KV cache type is used.</source>
        <translation>{problem}既定の KV キャッシュの種類を使います。</translation>
    </message>
    <message>
        <source>The settings file {path} could not be read ({error}); defaults are used.</source>
        <translation>設定ファイル {path} を読み込めませんでした ({error})。既定の設定を使います。</translation>
    </message>
    <message>
        <source>Not enough memory to load {name}. Try a smaller context size, fewer GPU layers, keeping the experts on the CPU, or the smaller gpt-oss-20b model.</source>
        <translation>{name} を読み込むためのメモリが足りません。コンテキストサイズを小さくする、GPU に載せるレイヤーを減らす、エキスパートを CPU に置く、または小さい gpt-oss-20b モデルを使う、のいずれかをお試しください。</translation>
    </message>
    <message>
        <source>{name} uses a model architecture this version of the app cannot run. Update the app.</source>
        <translation>{name} は、このバージョンのアプリでは実行できないモデルアーキテクチャを使っています。アプリを更新してください。</translation>
    </message>
    <message>
        <source>{name} looks damaged. Delete it in the model manager and download it again, or choose another file.</source>
        <translation>{name} は破損しているようです。モデルマネージャーで削除してもう一度ダウンロードするか、別のファイルを選んでください。</translation>
    </message>
    <message>
        <source>{name} could not be loaded: {detail}</source>
        <translation>{name} を読み込めませんでした: {detail}</translation>
    </message>
    <message>
        <source>{name} is empty, not a model file. Download it again.</source>
        <translation>{name} は空のファイルで、モデルファイルではありません。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}.</source>
        <translation>{name} を読み取れません: {reason}。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file. Choose a .gguf file.</source>
        <translation>{name} は GGUF モデルファイルではありません。.gguf ファイルを選択してください。</translation>
    </message>
    <message>
        <source>{name} is in GGUF version {version}, which this app cannot read. Download a current conversion of the model.</source>
        <translation>{name} は GGUF バージョン {version} の形式で、このアプリでは読み取れません。新しい形式に変換されたモデルをダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is truncated: it ends at {size}, inside its header. Download it again.</source>
        <translation>{name} は途中で切れています (ヘッダーの途中、{size} で終わっています)。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is truncated: it ends at {size} but its tensors need {needed}. Download it again.</source>
        <translation>{name} は途中で切れています ({size} で終わっていますが、テンソルには {needed} 必要です)。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or from a newer llama.cpp ({error}). Download it again.</source>
        <translation>{name} は破損しているか、新しい llama.cpp で作られたファイルです ({error})。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is part 1 of a {count}-part model but is not named like &apos;{pattern}&apos;, so llama.cpp cannot find the other parts. Restore the original file names.</source>
        <translation>{name} は {count} 分割モデルの 1 番目のファイルですが、&apos;{pattern}&apos; の形式の名前ではないため、llama.cpp が残りのファイルを見つけられません。元のファイル名に戻してください。</translation>
    </message>
    <message>
        <source>{name} is part of a {count}-part model but these parts are missing: {missing}. Download them into the same folder.</source>
        <translation>{name} は {count} 分割モデルの一部ですが、次のファイルがありません: {missing}。同じフォルダーにダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} names no model architecture, so it is not a model llama.cpp can run. Choose another file.</source>
        <translation>{name} にはモデルアーキテクチャが記載されていないため、llama.cpp で実行できるモデルではありません。別のファイルを選択してください。</translation>
    </message>
    <message>
        <source>{name} is a &apos;{architecture}&apos; model, which this version of the app cannot run. Update the app, or choose another model.</source>
        <translation>{name} は &apos;{architecture}&apos; モデルで、このバージョンのアプリでは実行できません。アプリを更新するか、別のモデルを選択してください。</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} バイト</translation>
    </message>
    <message>
        <source>{name} is an embedding model: it turns text into vectors for searching documents by meaning and cannot write replies. Choose a chat model.</source>
        <translation>{name} は埋め込みモデルです。文書を意味で検索するために文章をベクトルに変えるもので、返答は書けません。チャット用のモデルを選んでください。</translation>
    </message>
    <message>
        <source>The conversation needs {needed} tokens but the context holds {n_ctx}. Start a new conversation or load the model with a larger context.</source>
        <translation>この会話には {needed} トークンが必要ですが、コンテキストには {n_ctx} トークンしか入りません。新しい会話を始めるか、より大きなコンテキストでモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>モデルが読み込まれていません。</translation>
    </message>
    <message>
        <source>No model is loaded. Open a model to chat.</source>
        <translation>モデルが読み込まれていません。チャットするにはモデルを開いてください。</translation>
    </message>
    <message>
        <source>The reply ended unexpectedly.</source>
        <translation>応答が予期せず終了しました。</translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed on this conversation: {error}</source>
        <translation>この会話でモデルのチャットテンプレートがエラーになりました: {error}</translation>
    </message>
    <message>
        <source>This model has no chat template; a plain &apos;User: / Assistant:&apos; format is used, replies may be worse.</source>
        <translation>このモデルにはチャットテンプレートがないため、単純な &apos;User: / Assistant:&apos; 形式を使います。応答の質が下がる場合があります。</translation>
    </message>
    <message>
        <source>{name}: {reason} ({attempts} attempts). The partial file is kept: start the download again to resume.</source>
        <translation>{name}: {reason} ({attempts} 回試行)。途中までのファイルは残してあります。もう一度ダウンロードを始めると続きから再開します。</translation>
    </message>
    <message>
        <source>the server answered {status}</source>
        <translation>サーバーの応答が {status} でした</translation>
    </message>
    <message>
        <source>the server answered a different byte range</source>
        <translation>サーバーが別のバイト範囲を返しました</translation>
    </message>
    <message>
        <source>the connection failed ({error})</source>
        <translation>接続に失敗しました ({error})</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>接続が途中で切れました</translation>
    </message>
    <message>
        <source>the partial file was cut short while downloading</source>
        <translation>ダウンロード中に途中までのファイルが短くなりました</translation>
    </message>
    <message>
        <source>{name} arrived damaged (its sha256 does not match the hub&apos;s), so it was not installed and the download was deleted. Download it again.</source>
        <translation>{name} は壊れた状態で届いたため (sha256 がハブの値と一致しません)、インストールせずにダウンロードしたファイルを削除しました。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name}: the hub reports two different sizes for it; try again later.</source>
        <translation>{name}: ハブが異なる 2 つのサイズを報告しています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>{name}: the download server refused it ({status}).</source>
        <translation>{name}: ダウンロードサーバーに拒否されました ({status})。</translation>
    </message>
    <message>
        <source>{name}: the server sent more than its size; try again later.</source>
        <translation>{name}: サーバーがファイルのサイズを超えるデータを送ってきました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The hub gives no sha256 for {path}, so it could not be verified.</source>
        <translation>ハブが {path} の sha256 を提供していないため、検証できませんでした。</translation>
    </message>
    <message>
        <source>Writing to {folder} failed: {reason}. What was downloaded is kept: make room, then start the download again to resume.</source>
        <translation>{folder} への書き込みに失敗しました: {reason}。ダウンロード済みの部分は残してあります。空き容量を確保してからもう一度ダウンロードを始めると、続きから再開します。</translation>
    </message>
    <message>
        <source>Writing to {folder} failed: {reason}. What was downloaded is kept: start the download again to resume once the folder can be written.</source>
        <translation>{folder} への書き込みに失敗しました: {reason}。ダウンロード済みの部分は残してあります。フォルダーに書き込めるようになったら、もう一度ダウンロードを始めると続きから再開します。</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>ディスクの空き容量がありません</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>ディスク使用量の上限を超えました</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>アクセスが拒否されました</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>読み取り専用のファイルシステムです</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>フォルダーではありません</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>ファイルまたはフォルダーがありません</translation>
    </message>
    <message>
        <source>database or disk is full</source>
        <translation>データベースまたはディスクがいっぱいです</translation>
    </message>
    <message>
        <source>disk I/O error</source>
        <translation>ディスクの読み書きでエラーが起きました</translation>
    </message>
    <message>
        <source>attempt to write a readonly database</source>
        <translation>読み取り専用のデータベースには書き込めません</translation>
    </message>
    <message>
        <source>Offline mode is on (HF_HUB_OFFLINE), so nothing can be downloaded; unset it to download.</source>
        <translation>オフラインモード (HF_HUB_OFFLINE) が有効なため、ダウンロードできません。ダウンロードするには解除してください。</translation>
    </message>
    <message>
        <source>{path} is not in {repo} any more; the catalog needs an update.</source>
        <translation>{path} は {repo} にもうありません。カタログの更新が必要です。</translation>
    </message>
    <message>
        <source>{repo} is gated: accept its terms on the Hugging Face website and set HF_TOKEN.</source>
        <translation>{repo} はアクセス制限付きです。Hugging Face のウェブサイトで利用条件に同意し、HF_TOKEN を設定してください。</translation>
    </message>
    <message>
        <source>{repo} was not found on {endpoint} (a private repository needs HF_TOKEN).</source>
        <translation>{repo} が {endpoint} に見つかりませんでした (非公開リポジトリには HF_TOKEN が必要です)。</translation>
    </message>
    <message>
        <source>{where}: the revision was not found on {endpoint}.</source>
        <translation>{where}: リビジョンが {endpoint} に見つかりませんでした。</translation>
    </message>
    <message>
        <source>{where} was not found on {endpoint}.</source>
        <translation>{where} が {endpoint} に見つかりませんでした。</translation>
    </message>
    <message>
        <source>The hub is busy or failing ({status}) while asking about {where}.</source>
        <translation>{where} を問い合わせ中、ハブが混雑しているか障害が起きています ({status})。</translation>
    </message>
    <message>
        <source>The hub refused the request for {where} ({status}).</source>
        <translation>ハブが {where} へのリクエストを拒否しました ({status})。</translation>
    </message>
    <message>
        <source>{endpoint} does not answer like the Hugging Face Hub ({where}): check HF_ENDPOINT.</source>
        <translation>{endpoint} は Hugging Face Hub として応答しません ({where})。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>Could not reach {endpoint} ({error}): check the connection or proxy settings.</source>
        <translation>{endpoint} に接続できませんでした ({error})。ネットワーク接続またはプロキシの設定を確認してください。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error}).</source>
        <translation>{path} を読み込めません ({error})。</translation>
    </message>
    <message>
        <source>{path} is not a text file in UTF-8.</source>
        <translation>{path} は UTF-8 のテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{path} is not valid JSON (line {line}, column {column}: {error}). Fix it, or move it away to start over.</source>
        <translation>{path} は正しい JSON ではありません ({line} 行目、{column} 列目: {error})。修正するか、ファイルを別の場所に移してやり直してください。</translation>
    </message>
    <message>
        <source>In {path}, {place} must be {expected}. Fix it, or move it away to start over.</source>
        <translation>{path} の {place} は {expected} でなければなりません。修正するか、ファイルを別の場所に移してやり直してください。</translation>
    </message>
    <message>
        <source>{place} must be {expected}</source>
        <translation>{place} は {expected} でなければなりません</translation>
    </message>
    <message>
        <source>a JSON object</source>
        <translation>JSON オブジェクト</translation>
    </message>
    <message>
        <source>a list of strings</source>
        <translation>文字列のリスト</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>an object of text values</source>
        <translation>値がすべて文字列のオブジェクト</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true か false</translation>
    </message>
    <message>
        <source>an http:// or https:// address</source>
        <translation>http:// または https:// のアドレス</translation>
    </message>
    <message>
        <source>an object with either a &apos;command&apos; (a program to start) or a &apos;url&apos; (a Streamable HTTP address)</source>
        <translation>「command」(起動するプログラム) か「url」(Streamable HTTP のアドレス) のどちらか一方を持つオブジェクト</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>ファイル全体</translation>
    </message>
    <message>
        <source>{path} could not be saved ({error}).</source>
        <translation>{path} を保存できませんでした ({error})。</translation>
    </message>
    <message>
        <source>A server needs a name.</source>
        <translation>サーバーには名前が必要です。</translation>
    </message>
    <message>
        <source>There is already a server named {name}; choose another name.</source>
        <translation>{name} という名前のサーバーはすでにあります。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>There is no MCP server named {name}.</source>
        <translation>{name} という名前の MCP サーバーはありません。</translation>
    </message>
    <message>
        <source>The MCP servers are shut down.</source>
        <translation>MCP サーバーはすでに終了しています。</translation>
    </message>
    <message>
        <source>{name} is on another computer ({host}) and &apos;Never use the network&apos; is on (Settings ▸ Privacy). Turn it off to use this server.</source>
        <translation>{name} は別のコンピューター ({host}) 上にあり、「ネットワークを一切使わない」がオンです（設定 ▸ プライバシー）。このサーバーを使うにはオフにしてください。</translation>
    </message>
    <message>
        <source>{name} uses the older SSE transport, which this app does not support. Use its Streamable HTTP address instead.</source>
        <translation>{name} は古い SSE 方式を使っていますが、このアプリは対応していません。代わりに Streamable HTTP のアドレスを使ってください。</translation>
    </message>
    <message>
        <source>{name} did not answer within {seconds} s of starting.</source>
        <translation>{name} は起動から {seconds} 秒以内に応答しませんでした。</translation>
    </message>
    <message>
        <source>{name} could not be started: {command} ({error}).</source>
        <translation>{name} を起動できませんでした: {command} ({error})。</translation>
    </message>
    <message>
        <source>{name} stopped unexpectedly.</source>
        <translation>{name} が予期せず停止しました。</translation>
    </message>
    <message>
        <source>{name} stopped while starting.</source>
        <translation>{name} は起動中に停止しました。</translation>
    </message>
    <message>
        <source>{name} stopped answering.</source>
        <translation>{name} が応答しなくなりました。</translation>
    </message>
    <message>
        <source>{name} answered {status} at {url}.</source>
        <translation>{name} は {url} で {status} を返しました。</translation>
    </message>
    <message>
        <source>{name} could not be reached at {url} ({error}).</source>
        <translation>{name} に {url} で接続できませんでした ({error})。</translation>
    </message>
    <message>
        <source>{name} refused the connection: {reason}</source>
        <translation>{name} が接続を拒否しました: {reason}</translation>
    </message>
    <message>
        <source>{name} failed: {error}</source>
        <translation>{name} でエラーが起きました: {error}</translation>
    </message>
    <message>
        <source>The tool {tool} did not answer within {seconds} s.</source>
        <translation>ツール {tool} は {seconds} 秒以内に応答しませんでした。</translation>
    </message>
    <message>
        <source>The call was stopped by the user.</source>
        <translation>呼び出しはユーザーが停止しました。</translation>
    </message>
    <message>
        <source>The server {name} stopped unexpectedly while running {tool}.</source>
        <translation>サーバー {name} が {tool} の実行中に予期せず停止しました。</translation>
    </message>
    <message>
        <source>The server {name} was stopped while running {tool}.</source>
        <translation>サーバー {name} は {tool} の実行中に停止されました。</translation>
    </message>
    <message>
        <source>The server {name} failed while running {tool}: {reason}</source>
        <translation>サーバー {name} で {tool} の実行中にエラーが起きました: {reason}</translation>
    </message>
    <message>
        <source>The server {name} is not running.</source>
        <translation>サーバー {name} は動いていません。</translation>
    </message>
    <message>
        <source>The server {name} is not running: {reason}</source>
        <translation>サーバー {name} は動いていません: {reason}</translation>
    </message>
    <message>
        <source>The tool {tool} of {name} is switched off.</source>
        <translation>{name} のツール {tool} はオフになっています。</translation>
    </message>
    <message>
        <source>The arguments of {tool} must be a JSON object, not {kind}.</source>
        <translation>{tool} の引数は JSON オブジェクトでなければなりません ({kind} は使えません)。</translation>
    </message>
    <message>
        <source>{name} answered in a way this app does not understand ({error}).</source>
        <translation>{name} の応答をこのアプリは解釈できませんでした ({error})。</translation>
    </message>
    <message>
        <source>The tool permissions file {path} cannot be read ({error}); every tool asks before it runs until it is fixed or moved away.</source>
        <translation>ツールの許可ファイル {path} を読み込めません ({error})。修正するか別の場所に移すまで、どのツールも実行前に確認します。</translation>
    </message>
    <message>
        <source>The tool permissions file {path} could not be saved ({error}).</source>
        <translation>ツールの許可ファイル {path} を保存できませんでした ({error})。</translation>
    </message>
    <message>
        <source>There is no Python at {python}: choose the python program of an environment that has ipykernel.</source>
        <translation>{python} に Python がありません。ipykernel の入った環境の python プログラムを選んでください。</translation>
    </message>
    <message>
        <source>{python} could not be run as Python ({error}).</source>
        <translation>{python} を Python として実行できませんでした ({error})。</translation>
    </message>
    <message>
        <source>{python} did not run as Python: choose the python program of an environment.</source>
        <translation>{python} は Python として動きませんでした。Python 環境の python プログラムを選んでください。</translation>
    </message>
    <message>
        <source>{python} is older than Python 3.9, which the notebook needs.</source>
        <translation>{python} は Python 3.9 より古いバージョンです。ノートブックには Python 3.9 以降が必要です。</translation>
    </message>
    <message>
        <source>The Python at {python} has no ipykernel: install it there ({python} -m pip install ipykernel) or choose another environment.</source>
        <translation>{python} の Python には ipykernel がありません。その環境にインストールする ({python} -m pip install ipykernel) か、別の環境を選んでください。</translation>
    </message>
    <message>
        <source>The Python kernel did not start: {reason}.</source>
        <translation>Python カーネルを起動できませんでした: {reason}。</translation>
    </message>
    <message>
        <source>it gave no reason</source>
        <translation>理由は示されませんでした</translation>
    </message>
    <message>
        <source>The Python kernel stopped ({how}); its variables are gone, the next call starts a new kernel.</source>
        <translation>Python カーネルが停止しました ({how})。変数は失われました。次の実行では新しいカーネルが起動します。</translation>
    </message>
    <message>
        <source>killed by {signal}: often the system running out of memory</source>
        <translation>{signal} で強制終了: 多くの場合、システムのメモリ不足が原因です</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>{signal} で強制終了</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>終了コード {code}</translation>
    </message>
    <message>
        <source>it stopped answering</source>
        <translation>応答しなくなりました</translation>
    </message>
    <message>
        <source>Network isolation: on.</source>
        <translation>ネットワークの遮断: オン。</translation>
    </message>
    <message>
        <source>Network isolation is not available on this system because {reason}.</source>
        <translation>このシステムではネットワークを遮断できません。理由: {reason}。</translation>
    </message>
    <message>
        <source>sandbox-exec is missing</source>
        <translation>sandbox-exec が見つかりません</translation>
    </message>
    <message>
        <source>Windows lets no app cut one of its processes off the network without administrator rights</source>
        <translation>Windows では、管理者権限なしにアプリが自分のプロセスをネットワークから切り離すことはできません</translation>
    </message>
    <message>
        <source>the app knows no sandbox for {platform}</source>
        <translation>このアプリは {platform} 用のサンドボックスに対応していません</translation>
    </message>
    <message>
        <source>its test run failed ({error})</source>
        <translation>試験実行に失敗しました ({error})</translation>
    </message>
    <message>
        <source>unprivileged user namespaces are turned off (kernel.unprivileged_userns_clone = 0)</source>
        <translation>非特権ユーザー名前空間が無効になっています (kernel.unprivileged_userns_clone = 0)</translation>
    </message>
    <message>
        <source>user namespaces are turned off (user.max_user_namespaces = 0)</source>
        <translation>ユーザー名前空間が無効になっています (user.max_user_namespaces = 0)</translation>
    </message>
    <message>
        <source>AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)</source>
        <translation>AppArmor が非特権ユーザー名前空間を制限しています (kernel.apparmor_restrict_unprivileged_userns = 1)</translation>
    </message>
    <message>
        <source>{name} is {size}; files over {limit} are not read. Split it into smaller files.</source>
        <translation>{name} は {size} あります。{limit} を超えるファイルは読み込みません。小さなファイルに分けてください。</translation>
    </message>
    <message>
        <source>{name} is a binary file, not text.</source>
        <translation>{name} はテキストではなく、バイナリファイルです。</translation>
    </message>
    <message>
        <source>{name} is protected by a password; save an unprotected copy to read it.</source>
        <translation>{name} はパスワードで保護されています。読み込むには保護のないコピーを保存してください。</translation>
    </message>
    <message>
        <source>{name} is not a readable {kind} ({detail}); it may be damaged.</source>
        <translation>{name} は読み込めない{kind}です（{detail}）。壊れている可能性があります。</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Word 文書</translation>
    </message>
    <message>
        <source>{name} has no text layer (a scanned document?); only its text could be searched.</source>
        <translation>{name} にはテキスト層がありません（スキャンした文書かもしれません）。検索できるのはテキストだけです。</translation>
    </message>
    <message>
        <source>{blank} of {pages} pages have no text layer (scanned?).</source>
        <translation>{pages} ページ中 {blank} ページにテキスト層がありません（スキャン？）。</translation>
    </message>
    <message>
        <source>Only the first {count} characters were read.</source>
        <translation>最初の {count} 文字だけを読み込みました。</translation>
    </message>
    <message>
        <source>The documents index {path} cannot be opened: {error}.</source>
        <translation>文書インデックス {path} を開けません: {error}。</translation>
    </message>
    <message>
        <source>The documents index {path} cannot be used ({error}). It can be rebuilt: delete the file and index your folders again.</source>
        <translation>文書インデックス {path} を使用できません（{error}）。作り直せます: ファイルを削除して、フォルダーをもう一度インデックスしてください。</translation>
    </message>
    <message>
        <source>The documents index {path} was written by a newer gpt-oss Chat (schema {found}); update the app.</source>
        <translation>文書インデックス {path} は新しいバージョンの gpt-oss Chat で作成されています（スキーマ {found}）。アプリを更新してください。</translation>
    </message>
    <message>
        <source>{folder} is not a folder; choose a folder to add.</source>
        <translation>{folder} はフォルダーではありません。追加するフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{root} is already the collection &apos;{name}&apos;.</source>
        <translation>{root} はすでにコレクション「{name}」です。</translation>
    </message>
    <message>
        <source>The collection {id} no longer exists.</source>
        <translation>コレクション {id} はもう存在しません。</translation>
    </message>
    <message>
        <source>There is no collection called &apos;{name}&apos; (collections: {known}).</source>
        <translation>「{name}」という名前のコレクションはありません（コレクション: {known}）。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>まだありません</translation>
    </message>
    <message>
        <source>{root}: the folder is missing (moved, renamed, or a drive not mounted)</source>
        <translation>{root}: フォルダーが見つかりません（移動、名前の変更、またはドライブが接続されていない可能性があります）</translation>
    </message>
    <message>
        <source>whole text in the message ({tokens} tokens; {left} left)</source>
        <translation>全文をメッセージに含めました（{tokens} トークン、残り {left}）</translation>
    </message>
    <message>
        <source>{tokens} tokens do not fit the {left} left in the context: indexed for this conversation and searched when needed</source>
        <translation>{tokens} トークンはコンテキストの残り {left} に収まりません: この会話用にインデックスし、必要なときに検索します</translation>
    </message>
    <message>
        <source>{name} could not be copied to the conversation&apos;s folder: {reason}.</source>
        <translation>{name} を会話のフォルダーにコピーできませんでした: {reason}。</translation>
    </message>
    <message>
        <source>The embedding model {name} cannot be loaded: {error}.</source>
        <translation>埋め込みモデル {name} を読み込めません: {error}。</translation>
    </message>
    <message>
        <source>A project needs a name.</source>
        <translation>プロジェクトには名前が必要です。</translation>
    </message>
    <message>
        <source>{path} is not a file; choose files to add to the project.</source>
        <translation>{path} はファイルではありません。プロジェクトに追加するファイルを選んでください。</translation>
    </message>
    <message>
        <source>{name} could not be copied into the project ({reason}).</source>
        <translation>{name} をプロジェクトにコピーできませんでした（{reason}）。</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>{0}, line {1}</source>
        <translation>{0} {1}行目</translation>
    </message>
    <message>
        <source>{0}, lines {1}–{2}</source>
        <translation>{0} {1}〜{2}行目</translation>
    </message>
    <message>
        <source>whole text</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>searched</source>
        <translation>検索で参照</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>読めません</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Folders the model can search and read, citing the files and lines it used. Switch them on for a conversation in its chat settings. Indexing and search stay on this computer.</source>
        <translation>モデルが検索して読めるフォルダーです。モデルは使ったファイルと行を引用します。会話ごとにチャット設定でオンにしてください。インデックス作成と検索はこのコンピューターの中だけで行われます。</translation>
    </message>
    <message>
        <source>Document collections</source>
        <translation>文書コレクション</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>フォルダーを追加</translation>
    </message>
    <message>
        <source>Reindex</source>
        <translation>再インデックス</translation>
    </message>
    <message>
        <source>Look for changed files in the chosen folder now</source>
        <translation>選んだフォルダーの変更されたファイルを今すぐ探す</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Remove the chosen folder</source>
        <translation>選んだフォルダーを削除</translation>
    </message>
    <message>
        <source>Files that could not be read</source>
        <translation>読めなかったファイル</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Close the Documents page</source>
        <translation>文書ページを閉じる</translation>
    </message>
    <message>
        <source>Search by meaning is off. Download the embedding model (Granite Embedding multilingual, about 120 MB) in the model manager to also find passages that say the same thing in other words or in another language.</source>
        <translation>意味による検索はオフです。モデルマネージャーで埋め込みモデル（Granite Embedding multilingual、約 120 MB）をダウンロードすると、同じ内容を別の言葉や別の言語で書いた箇所も見つかるようになります。</translation>
    </message>
    <message>
        <source>Search by meaning: preparing passages ({0} of {1}).</source>
        <translation>意味による検索: 箇所を準備しています（{1} 件中 {0} 件）。</translation>
    </message>
    <message>
        <source>Search by meaning is on: passages are found by what they say as well as by their words.</source>
        <translation>意味による検索はオンです: 言葉だけでなく、書かれている内容からも箇所を探します。</translation>
    </message>
    <message numerus="yes">
        <source>Files that could not be read: %n</source>
        <translation>
            <numerusform>読めなかったファイル: %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a folder of documents</source>
        <translation>文書のフォルダーを追加</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>フォルダーを削除</translation>
    </message>
    <message>
        <source>Remove {0} from the documents? The model will no longer read it. The files themselves are not touched.</source>
        <translation>{0} を文書から削除しますか？ モデルはこのフォルダーを読まなくなります。ファイル自体は変更されません。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>DocumentsLibrary</name>
    <message>
        <source>The documents index is still opening; try again in a moment.</source>
        <translation>文書インデックスを開いているところです。少ししてからもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>DocumentsText</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n トークン</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Open a .gguf file…</source>
        <translation>.gguf ファイルを開く…</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>モデルファイルを開く</translation>
    </message>
    <message>
        <source>Model manager…</source>
        <translation>モデルマネージャー…</translation>
    </message>
    <message>
        <source>Open the model manager</source>
        <translation>モデルマネージャーを開く</translation>
    </message>
    <message>
        <source>What can I help with?</source>
        <translation>何をお手伝いしましょうか？</translation>
    </message>
    <message>
        <source>{0} runs on this computer. Nothing you write here leaves it.</source>
        <translation>{0} はこのコンピューター上で動いています。ここに書いた内容が外部に送られることはありません。</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込んでいます…</translation>
    </message>
    <message>
        <source>A large model can take a minute to load. You can read and search your conversations meanwhile.</source>
        <translation>大きなモデルは読み込みに 1 分ほどかかることがあります。その間も会話を読んだり検索したりできます。</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>gpt-oss Chat runs OpenAI&apos;s open-weight gpt-oss models on this computer. Download one in the model manager (gpt-oss-20b suits a laptop with 16 GB of memory), or open a .gguf file you already have.</source>
        <translation>gpt-oss Chat は、OpenAI のオープンウェイトモデル gpt-oss をこのコンピューター上で実行します。モデルマネージャーでモデルをダウンロードするか (メモリ 16 GB のノート PC には gpt-oss-20b が適しています)、お持ちの .gguf ファイルを開いてください。</translation>
    </message>
</context>
<context>
    <name>EngineWorker</name>
    <message>
        <source>Something went wrong in the engine: {0}</source>
        <translation>エンジンで問題が発生しました: {0}</translation>
    </message>
</context>
<context>
    <name>LocalApiController</name>
    <message>
        <source>The local API could not listen on port {0}: {1}. Choose another port in Settings.</source>
        <translation>ローカル API がポート {0} で待ち受けできませんでした: {1}。設定で別のポートを選んでください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新しいチャット(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;project…</source>
        <translation>新しいプロジェクト(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>モデルを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Model manager…</source>
        <translation>モデルマネージャー(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>会話を検索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>チャット(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;top reply</source>
        <translation>応答を停止(&amp;T)</translation>
    </message>
    <message>
        <source>Chat &amp;settings…</source>
        <translation>チャットの設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Files of this conversation…</source>
        <translation>この会話のファイル(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Rename conversation</source>
        <translation>会話の名前を変更(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pin or unpin conversation</source>
        <translation>会話のピン留め/解除(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete conversation…</source>
        <translation>会話を削除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>MCP &amp;servers…</source>
        <translation>MCP サーバー(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>文書(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About gpt-oss Chat</source>
        <translation>gpt-oss Chat について(&amp;A)</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF モデル (*.gguf)</translation>
    </message>
    <message>
        <source>Chat settings</source>
        <translation>チャットの設定</translation>
    </message>
    <message>
        <source>This chat has no files yet: its folder is made with its first message.</source>
        <translation>このチャットにはまだファイルがありません。フォルダーは最初のメッセージで作られます。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The new language is used from the next start. Restart now? The model is loaded again; a reply being written and downloads stop where they are and are kept.</source>
        <translation>新しい言語は次回の起動から使われます。今すぐ再起動しますか? モデルは読み込み直されます。書き込み中の返答とダウンロードはその時点で止まり、そのまま残ります。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>今すぐ再起動</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>後で</translation>
    </message>
    <message>
        <source>Local API: {0}</source>
        <translation>ローカル API: {0}</translation>
    </message>
</context>
<context>
    <name>Markdown</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>[image: {0}]</source>
        <translation>[画像: {0}]</translation>
    </message>
</context>
<context>
    <name>MarkdownView</name>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>New text of your message</source>
        <translation>メッセージの新しいテキスト</translation>
    </message>
    <message>
        <source>Sending makes this a new version of your message and gets a new reply. The replies after it are not lost: they stay with the current version, which you can show again with the ‹ › arrows.</source>
        <translation>送信すると、このメッセージの新しいバージョンとして新しい応答を受け取ります。以降の応答は失われず、今のバージョンに残ります。‹ › の矢印でいつでも表示し直せます。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>編集をキャンセル</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Send the new version</source>
        <translation>新しいバージョンを送信</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>Your message</source>
        <translation>あなたのメッセージ</translation>
    </message>
    <message>
        <source>Your message text</source>
        <translation>あなたのメッセージのテキスト</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>応答</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>応答のテキスト</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>返答を生成</translation>
    </message>
    <message>
        <source>Write a reply to this message</source>
        <translation>このメッセージへの返答を書く</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>このメッセージをコピー</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Edit and resend this message</source>
        <translation>このメッセージを編集して再送信</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Write this reply again</source>
        <translation>この応答をもう一度生成</translation>
    </message>
    <message>
        <source>Fork from here</source>
        <translation>ここから分岐</translation>
    </message>
    <message>
        <source>Start a new conversation with the history up to this message</source>
        <translation>このメッセージまでの履歴で新しい会話を始める</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>このメッセージを削除</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>Version {0} of {1}</source>
        <translation>バージョン {0} / {1}</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <source>Reading the conversation…</source>
        <translation>会話を読んでいます…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Interrupted: the app closed before this reply was finished. The text so far was kept.</source>
        <translation>中断: 応答が終わる前にアプリが終了しました。それまでのテキストは保存されています。</translation>
    </message>
    <message>
        <source>The reply reached its length limit (maximum tokens in the conversation settings).</source>
        <translation>応答が長さの上限 (チャットの設定の最大応答トークン数) に達しました。</translation>
    </message>
    <message>
        <source>The context left room for a reply of {0} tokens, fewer than the conversation settings ask for.</source>
        <translation>コンテキストの空きが {0} トークン分しかないため、チャットの設定で指定した長さより短い応答になります。</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) were left out to fit the model&apos;s context.</source>
        <translation>
            <numerusform>モデルのコンテキストに収めるため、以前のメッセージ %n 件を除外しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Retry this reply</source>
        <translation>この応答を再試行</translation>
    </message>
    <message>
        <source>Leave them out and answer</source>
        <translation>除外して回答</translation>
    </message>
    <message>
        <source>Answer without the oldest messages</source>
        <translation>古いメッセージを除外して回答</translation>
    </message>
    <message>
        <source>The reply failed.</source>
        <translation>応答に失敗しました。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>ModelFilesBar</name>
    <message>
        <source>Import a .gguf file…</source>
        <translation>.gguf ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Import a GGUF model file</source>
        <translation>GGUF モデルファイルを取り込む</translation>
    </message>
    <message>
        <source>Copy into the models folder</source>
        <translation>モデルフォルダーにコピーする</translation>
    </message>
    <message>
        <source>Copy imported files into the models folder</source>
        <translation>取り込むファイルをモデルフォルダーにコピーする</translation>
    </message>
    <message>
        <source>Unticked, the file is used where it lies. You can also drop .gguf files here.</source>
        <translation>チェックしない場合、ファイルは今ある場所のまま使われます。.gguf ファイルをここにドロップすることもできます。</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>取り込みの進行状況</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取り込みをキャンセル</translation>
    </message>
    <message>
        <source>Cancel copying the imported file</source>
        <translation>取り込むファイルのコピーをキャンセル</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>モデルフォルダーを選択</translation>
    </message>
    <message>
        <source>Models folder:</source>
        <translation>モデルフォルダー:</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>モデルを取り込む</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF モデル (*.gguf)</translation>
    </message>
    <message>
        <source>An import is running: wait for it or cancel it first.</source>
        <translation>取り込み中です。完了を待つか、先にキャンセルしてください。</translation>
    </message>
    <message>
        <source>Imported {0}.</source>
        <translation>{0} を取り込みました。</translation>
    </message>
    <message>
        <source>Downloads are running: let them finish or cancel them before moving the models folder.</source>
        <translation>ダウンロード中です。モデルフォルダーを移す前に、完了を待つかキャンセルしてください。</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>モデルフォルダー</translation>
    </message>
    <message>
        <source>Move the models already in {0} to {1}?</source>
        <translation>{0} にあるモデルを {1} に移動しますか？</translation>
    </message>
    <message>
        <source>Move them</source>
        <translation>移動する</translation>
    </message>
    <message>
        <source>Leave them</source>
        <translation>そのままにする</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>New downloads go to {0}.</source>
        <translation>これからのダウンロードは {0} に保存されます。</translation>
    </message>
</context>
<context>
    <name>ModelFit</name>
    <message>
        <source>Runs fully on the GPU ({gpu_name}): it needs {gpu_need} of GPU memory ({weights} of weights, {kv} of context cache for {n_ctx} tokens, {compute} of working memory) and {gpu_budget} is usable.</source>
        <translation>すべて GPU ({gpu_name}) で動きます。GPU メモリが {gpu_need} 必要で (重み {weights}、{n_ctx} トークン分のコンテキストキャッシュ {kv}、作業用メモリ {compute})、使えるのは {gpu_budget} です。</translation>
    </message>
    <message>
        <source>Runs with the expert weights of {n_cpu_moe} of its {n_layers} layers in system memory: {gpu_need} on the GPU ({gpu_name}, {gpu_budget} usable) and {ram_need} in RAM ({ram_budget} usable). Slower than fully on the GPU, much faster than on the CPU alone.</source>
        <translation>{n_layers} レイヤーのうち {n_cpu_moe} レイヤーのエキスパートの重みをシステムメモリに置いて動きます。GPU ({gpu_name}、使えるのは {gpu_budget}) に {gpu_need}、RAM (使えるのは {ram_budget}) に {ram_need} を使います。すべて GPU で動かすより遅く、CPU だけよりはずっと速く動きます。</translation>
    </message>
    <message>
        <source>Runs on the CPU only, slowly: it needs {ram_need} of RAM ({weights} of weights, {kv} of context cache for {n_ctx} tokens, {compute} of working memory) and {ram_budget} is usable.</source>
        <translation>CPU だけで、ゆっくり動きます。RAM が {ram_need} 必要で (重み {weights}、{n_ctx} トークン分のコンテキストキャッシュ {kv}、作業用メモリ {compute})、使えるのは {ram_budget} です。</translation>
    </message>
    <message>
        <source>Won&apos;t fit: it needs at least {ram_need} of RAM at {n_ctx} tokens of context, and this machine has {ram_budget} usable.</source>
        <translation>メモリに収まりません。コンテキスト {n_ctx} トークンでは RAM が少なくとも {ram_need} 必要ですが、このコンピューターで使えるのは {ram_budget} です。</translation>
    </message>
    <message>
        <source>Can&apos;t tell whether it fits: this machine&apos;s memory could not be measured.</source>
        <translation>収まるかどうか判断できません。このコンピューターのメモリ量を測れませんでした。</translation>
    </message>
    <message>
        <source>This llama.cpp build cannot use a GPU, so only the CPU is counted.</source>
        <translation>この llama.cpp のビルドは GPU を使えないため、CPU だけで計算しています。</translation>
    </message>
    <message>
        <source>Whether llama.cpp can use the GPU is unknown here, so only the CPU is counted.</source>
        <translation>llama.cpp が GPU を使えるかどうか分からないため、CPU だけで計算しています。</translation>
    </message>
    <message>
        <source>The memory of {gpu_name} could not be read, so the GPU is not counted.</source>
        <translation>{gpu_name} のメモリ量を読み取れなかったため、GPU は計算に入れていません。</translation>
    </message>
    <message>
        <source>{gpu_name} shares the RAM and can use about {gpu_budget} of it.</source>
        <translation>{gpu_name} は RAM を共有しており、そのうち約 {gpu_budget} を使えます。</translation>
    </message>
    <message>
        <source>With a context of {n_ctx} tokens it would fit.</source>
        <translation>コンテキストを {n_ctx} トークンにすれば収まります。</translation>
    </message>
    <message>
        <source>Only {available} of RAM is free right now: close other programs before loading it.</source>
        <translation>いま空いている RAM は {available} だけです。読み込む前にほかのプログラムを終了してください。</translation>
    </message>
    <message>
        <source>Recommended: {model}. This is a workstation-class machine: it runs {model} with GPU help.</source>
        <translation>おすすめ: {model}。ワークステーション級のコンピューターで、GPU の助けを借りて {model} を動かせます。</translation>
    </message>
    <message>
        <source>Recommended: {model}, the model for laptop-class machines like this one.</source>
        <translation>おすすめ: {model}。このようなノートパソコン級のコンピューター向けのモデルです。</translation>
    </message>
    <message>
        <source>None of the models fits in this machine&apos;s memory.</source>
        <translation>このコンピューターのメモリに収まるモデルはありません。</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Runs on the GPU</source>
        <translation>GPU で動作</translation>
    </message>
    <message>
        <source>Runs with experts on the CPU</source>
        <translation>エキスパートを CPU に置いて動作</translation>
    </message>
    <message>
        <source>Runs on the CPU, slowly</source>
        <translation>CPU で低速に動作</translation>
    </message>
    <message>
        <source>Won&apos;t fit</source>
        <translation>収まりません</translation>
    </message>
    <message>
        <source>Fit unknown</source>
        <translation>判断できません</translation>
    </message>
    <message>
        <source>No estimate</source>
        <translation>見積もりなし</translation>
    </message>
    <message>
        <source>{0} s left</source>
        <translation>残り {0} 秒</translation>
    </message>
    <message>
        <source>{0} min left</source>
        <translation>残り {0} 分</translation>
    </message>
    <message>
        <source>{0} h {1} min left</source>
        <translation>残り {0} 時間 {1} 分</translation>
    </message>
    <message>
        <source>Waiting for the downloads before it</source>
        <translation>前のダウンロードの完了を待っています</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>Paused at {0} · {1}</source>
        <translation>{0} で一時停止中 · {1}</translation>
    </message>
    <message>
        <source>Pausing at {0} · {1}…</source>
        <translation>{0} で一時停止しています · {1}…</translation>
    </message>
    <message>
        <source>Checking what was already downloaded… {0}</source>
        <translation>ダウンロード済みの部分を確認しています… {0}</translation>
    </message>
    <message>
        <source>Waiting for data at {0} · nothing has arrived for {1} s</source>
        <translation>{0} でデータを待っています · {1} 秒間何も届いていません</translation>
    </message>
    <message>
        <source>Connection trouble: {0}</source>
        <translation>接続の問題: {0}</translation>
    </message>
    <message>
        <source>Downloading {0}</source>
        <translation>ダウンロード中 {0}</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation>{0}/秒</translation>
    </message>
    <message>
        <source>file {0} of {1}</source>
        <translation>ファイル {0} / {1}</translation>
    </message>
    <message>
        <source>Not enough disk space in the models folder: free up {0} ({1} bytes) or choose another models folder.</source>
        <translation>モデルフォルダーのディスク容量が足りません。{0} ({1} バイト) の空きを作るか、別のモデルフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{0} ({1} free now)</source>
        <translation>{0} (現在の空き {1})</translation>
    </message>
    <message>
        <source>no GPU the app can use</source>
        <translation>このアプリで使える GPU はありません</translation>
    </message>
    <message>
        <source>{0} (this llama.cpp build cannot use it, so the app runs on the CPU)</source>
        <translation>{0} (この llama.cpp のビルドでは使えないため、CPU で動かします)</translation>
    </message>
    <message>
        <source>{0} (whether llama.cpp can use it is unknown)</source>
        <translation>{0} (llama.cpp で使えるかどうかは不明)</translation>
    </message>
    <message>
        <source>{0}, {1} (shares the RAM)</source>
        <translation>{0}、{1} (RAM を共有)</translation>
    </message>
    <message>
        <source>{0}, {1}, memory unknown</source>
        <translation>{0}、{1}、メモリ量不明</translation>
    </message>
    <message>
        <source>{0}, {1}, {2}</source>
        <translation>{0}、{1}、{2}</translation>
    </message>
    <message>
        <source>{0} free in {1}</source>
        <translation>{1} の空き {0}</translation>
    </message>
    <message>
        <source>on the CPU</source>
        <translation>CPU で実行</translation>
    </message>
    <message>
        <source>on the GPU, with the experts of the first {0} layers in RAM</source>
        <translation>GPU で実行 (最初の {0} レイヤーのエキスパートは RAM)</translation>
    </message>
    <message>
        <source>all layers on the GPU</source>
        <translation>すべてのレイヤーを GPU で実行</translation>
    </message>
    <message>
        <source>flash attention on</source>
        <translation>Flash Attention オン</translation>
    </message>
    <message>
        <source>flash attention off</source>
        <translation>Flash Attention オフ</translation>
    </message>
    <message>
        <source>context {0} tokens</source>
        <translation>コンテキスト {0} トークン</translation>
    </message>
    <message>
        <source>batch {0}</source>
        <translation>バッチ {0}</translation>
    </message>
    <message>
        <source>The app estimates memory only for gpt-oss models; this one loads with the context size from Settings.</source>
        <translation>メモリの見積もりは gpt-oss モデルだけが対象です。このモデルは設定のコンテキストサイズで読み込みます。</translation>
    </message>
    <message>
        <source>Needs weights {0} + context cache {1} for {2} tokens + working memory {3}</source>
        <translation>必要なメモリ: 重み {0} + {2} トークン分のコンテキストキャッシュ {1} + 作業用メモリ {3}</translation>
    </message>
    <message>
        <source>On the GPU: {0} of {1} usable</source>
        <translation>GPU: 使える {1} のうち {0}</translation>
    </message>
    <message>
        <source>In RAM: {0} of {1} usable</source>
        <translation>RAM: 使える {1} のうち {0}</translation>
    </message>
    <message>
        <source>Loads with: {0}</source>
        <translation>読み込みの設定: {0}</translation>
    </message>
    <message>
        <source>The disk refused: {0}</source>
        <translation>ディスクへの書き込みに失敗しました: {0}</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>問題が発生しました: {0}</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>Model manager</source>
        <translation>モデルマネージャー</translation>
    </message>
    <message>
        <source>Models and servers</source>
        <translation>モデルとサーバー</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Close the model manager</source>
        <translation>モデルマネージャーを閉じる</translation>
    </message>
</context>
<context>
    <name>ModelManagerSession</name>
    <message>
        <source>&apos;Never use the network&apos; is on (Settings ▸ Privacy): downloads, the hub and servers are switched off. Turn it off to use them.</source>
        <translation>「ネットワークを一切使わない」がオンです（設定 ▸ プライバシー）。ダウンロード、Hub、サーバーは使えません。使うにはオフにしてください。</translation>
    </message>
</context>
<context>
    <name>ModelRow</name>
    <message>
        <source>Why?</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>キャンセル…</translation>
    </message>
    <message>
        <source>Delete partial…</source>
        <translation>途中のファイルを削除…</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使う</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>確認を中止</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>フォルダーを表示</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>How {0} fits this machine: {1}</source>
        <translation>{0} がこのコンピューターで動くか: {1}</translation>
    </message>
    <message>
        <source>Why: the numbers behind the estimate for {0}</source>
        <translation>理由: {0} の見積もりの根拠となる数値</translation>
    </message>
    <message>
        <source>Progress of {0}</source>
        <translation>{0} の進行状況</translation>
    </message>
    <message>
        <source>For documents: search by meaning</source>
        <translation>文書用: 意味で検索</translation>
    </message>
    <message>
        <source>An embedding model: Documents uses it to find passages by meaning as well as by their words, in Japanese and many other languages. It is never loaded for chatting.</source>
        <translation>埋め込みモデルです。文書ページは、語句だけでなく意味でも箇所を探すためにこのモデルを使います（日本語をはじめ多くの言語に対応）。チャット用に読み込まれることはありません。</translation>
    </message>
    <message>
        <source>What {0} is for: {1}</source>
        <translation>{0} の用途: {1}</translation>
    </message>
    <message>
        <source>Checking the files… {0}</source>
        <translation>ファイルを確認中… {0}</translation>
    </message>
    <message>
        <source>about {0}</source>
        <translation>約 {0}</translation>
    </message>
    <message>
        <source>runs on the CPU beside the chat model</source>
        <translation>チャットモデルと並んで CPU で動作</translation>
    </message>
    <message>
        <source>for laptops</source>
        <translation>ノートパソコン向け</translation>
    </message>
    <message>
        <source>for workstations</source>
        <translation>ワークステーション向け</translation>
    </message>
    <message>
        <source>imported into the models folder</source>
        <translation>モデルフォルダーに取り込み済み</translation>
    </message>
    <message>
        <source>used where it lies: {0}</source>
        <translation>元の場所のまま使用: {0}</translation>
    </message>
    <message>
        <source>recommended for this machine</source>
        <translation>このコンピューターにおすすめ</translation>
    </message>
    <message>
        <source>The download stopped: {0}</source>
        <translation>ダウンロードが止まりました: {0}</translation>
    </message>
    <message>
        <source>Installed · used by Documents (Tools ▸ Documents…) automatically</source>
        <translation>インストール済み · 文書（ツール ▸ 文書…）で自動的に使用</translation>
    </message>
    <message>
        <source>Installed · in use for chatting</source>
        <translation>インストール済み · チャットで使用中</translation>
    </message>
    <message>
        <source>Installed · loading…</source>
        <translation>インストール済み · 読み込み中…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>インストール済み</translation>
    </message>
    <message>
        <source>Missing or unreadable: the file was moved or changed. Remove it from the list and import it again.</source>
        <translation>見つからないか読み取れません。ファイルが移動または変更されました。一覧から外して、もう一度取り込んでください。</translation>
    </message>
    <message>
        <source>Damaged: a file is missing or has the wrong size. Download it again or delete it.</source>
        <translation>破損しています。ファイルが見つからないか、サイズが違います。もう一度ダウンロードするか、削除してください。</translation>
    </message>
    <message>
        <source>Paused at {0} · {1} of {2}; the download resumes where it stopped</source>
        <translation>{0} で一時停止中 · {1} / {2}。ダウンロードは止まったところから再開します</translation>
    </message>
    <message>
        <source>Not downloaded · until it is, Documents searches by words only</source>
        <translation>未ダウンロード · ダウンロードするまで、文書は語句だけで検索します</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>未ダウンロード</translation>
    </message>
    <message>
        <source>Download {0}</source>
        <translation>{0} をダウンロード</translation>
    </message>
    <message>
        <source>Resume the download of {0}</source>
        <translation>{0} のダウンロードを再開</translation>
    </message>
    <message>
        <source>Pause the download of {0}</source>
        <translation>{0} のダウンロードを一時停止</translation>
    </message>
    <message>
        <source>Cancel the download of {0}</source>
        <translation>{0} のダウンロードをキャンセル</translation>
    </message>
    <message>
        <source>Delete the partial download of {0}</source>
        <translation>{0} の途中までダウンロードしたファイルを削除</translation>
    </message>
    <message>
        <source>Use {0} for chatting</source>
        <translation>{0} をチャットに使う</translation>
    </message>
    <message>
        <source>Check that the files of {0} are intact</source>
        <translation>{0} のファイルが壊れていないか確認する</translation>
    </message>
    <message>
        <source>Stop checking the files of {0}</source>
        <translation>{0} のファイルの確認を中止</translation>
    </message>
    <message>
        <source>Show {0} in its folder</source>
        <translation>{0} のフォルダーを表示</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0} を削除</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>This machine</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>ディスク</translation>
    </message>
    <message>
        <source>Check the hub for updates</source>
        <translation>ハブで更新を確認</translation>
    </message>
    <message>
        <source>Ask the model hub for exact sizes and checksums</source>
        <translation>正確なサイズとチェックサムをモデルハブに問い合わせる</translation>
    </message>
    <message>
        <source>Estimates are for a context of {0} tokens, the size set in Settings.</source>
        <translation>見積もりは、設定で指定したコンテキストサイズ {0} トークンでの値です。</translation>
    </message>
    <message>
        <source>Delete the partial download of {0} ({1})?</source>
        <translation>{0} の途中までダウンロードしたファイル ({1}) を削除しますか？</translation>
    </message>
    <message>
        <source>Delete partial download</source>
        <translation>途中のダウンロードを削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>残す</translation>
    </message>
    <message>
        <source>Checking {0}: reading {1}…</source>
        <translation>{0} を確認中: {1} を読み込んでいます…</translation>
    </message>
    <message>
        <source>Stopped checking {0}.</source>
        <translation>{0} の確認を中止しました。</translation>
    </message>
    <message>
        <source>{0} is damaged ({1}): delete it and download it again.</source>
        <translation>{0} は破損しています（{1}）。削除して、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{0} is intact: every file matches the checksum it was downloaded with.</source>
        <translation>{0} は正常です。すべてのファイルがダウンロード時のチェックサムと一致しました。</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>ダウンロードのキャンセル</translation>
    </message>
    <message>
        <source>Cancel the download of {0}? Keep what is downloaded so far to resume later, or delete it to free the space.</source>
        <translation>{0} のダウンロードをキャンセルしますか？ ここまでのファイルを残せば後で再開でき、削除すれば容量が空きます。</translation>
    </message>
    <message>
        <source>Cancel, keep the partial file</source>
        <translation>キャンセルしてファイルを残す</translation>
    </message>
    <message>
        <source>Cancel and delete it</source>
        <translation>キャンセルして削除する</translation>
    </message>
    <message>
        <source>Go on downloading</source>
        <translation>ダウンロードを続ける</translation>
    </message>
    <message>
        <source>{0} probably won&apos;t fit in this machine&apos;s memory: {1}

Load it anyway?</source>
        <translation>{0} はこのコンピューターのメモリに収まらない可能性があります: {1}

それでも読み込みますか？</translation>
    </message>
    <message>
        <source>Use {0}</source>
        <translation>{0} を使う</translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation>読み込む</translation>
    </message>
    <message>
        <source>Don&apos;t load</source>
        <translation>読み込まない</translation>
    </message>
    <message>
        <source>Loading {0} for chatting…</source>
        <translation>{0} をチャット用に読み込んでいます…</translation>
    </message>
    <message>
        <source>{0} is in use for chatting: load another model before deleting it.</source>
        <translation>{0} はチャットで使用中です。削除する前に別のモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>Delete {0}? This frees {1} of disk space.</source>
        <translation>{0} を削除しますか？ ディスクの空きが {1} 増えます。</translation>
    </message>
    <message>
        <source>Remove {0} from the list? The file stays where it is: {1}</source>
        <translation>{0} を一覧から外しますか？ ファイルはそのまま残ります: {1}</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0} の削除</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>Deleted {0}: {1} freed ({2} bytes).</source>
        <translation>{0} を削除しました。{1} ({2} バイト) の空きができました。</translation>
    </message>
    <message>
        <source>Removed {0} from the list; its file was left where it is.</source>
        <translation>{0} を一覧から外しました。ファイルは元の場所に残っています。</translation>
    </message>
    <message>
        <source>Sizes and checksums now come from the hub.</source>
        <translation>サイズとチェックサムをハブの情報に更新しました。</translation>
    </message>
    <message>
        <source>Could not check the hub: {0} The list shows the catalog&apos;s own figures; downloads need the hub.</source>
        <translation>ハブを確認できませんでした: {0} 一覧にはカタログの値を表示しています。ダウンロードにはハブへの接続が必要です。</translation>
    </message>
</context>
<context>
    <name>NetworkIndicator</name>
    <message>
        <source>downloading {0} ({1}%)</source>
        <translation>{0} をダウンロード中（{1}%）</translation>
    </message>
    <message>
        <source>a reply from {0}</source>
        <translation>{0} からの応答</translation>
    </message>
    <message>
        <source>a tool on {0}</source>
        <translation>{0} のツール</translation>
    </message>
    <message>
        <source>Using the network: {0}</source>
        <translation>ネットワーク使用中: {0}</translation>
    </message>
</context>
<context>
    <name>OriginLine</name>
    <message>
        <source>Open the conversation this one was forked from</source>
        <translation>分岐元の会話を開く</translation>
    </message>
    <message>
        <source>Project: {0}</source>
        <translation>プロジェクト: {0}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Forked from “{0}”</source>
        <translation>「{0}」から分岐</translation>
    </message>
    <message>
        <source>Open “{0}”, the conversation this one was forked from</source>
        <translation>分岐元の会話「{0}」を開く</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>Delete project</source>
        <translation>プロジェクトの削除</translation>
    </message>
    <message>
        <source>Delete the project “{0}”? Its files are deleted with it. Its conversations can stay, outside any project, or be deleted too. This cannot be undone.</source>
        <translation>プロジェクト「{0}」を削除しますか？プロジェクトのファイルも削除されます。会話はプロジェクトの外に残すことも、一緒に削除することもできます。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete project, keep conversations</source>
        <translation>プロジェクトを削除し、会話は残す</translation>
    </message>
    <message>
        <source>Delete project and its conversations</source>
        <translation>プロジェクトと会話を削除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>Project settings</source>
        <translation>プロジェクトの設定</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新しいプロジェクト</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>プロジェクト名</translation>
    </message>
    <message>
        <source>For example: Thesis</source>
        <translation>例: 卒業論文</translation>
    </message>
    <message>
        <source>Instructions for every conversation in the project</source>
        <translation>プロジェクト内のすべての会話への指示</translation>
    </message>
    <message>
        <source>For example: I am writing a thesis on river ecology. Cite the sources you use.</source>
        <translation>例: 河川生態学の論文を書いています。使った文献を示してください。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>指示</translation>
    </message>
    <message>
        <source>Put before each conversation&apos;s own instructions.</source>
        <translation>各会話の指示の前に置かれます。</translation>
    </message>
    <message>
        <source>This project</source>
        <translation>このプロジェクト</translation>
    </message>
    <message>
        <source>Defaults for its conversations</source>
        <translation>会話の既定値</translation>
    </message>
    <message>
        <source>A conversation in the project uses these unless it sets its own (Chat ▸ Chat settings).</source>
        <translation>プロジェクト内の会話は、独自に設定しない限りこの値を使います（チャット ▸ チャットの設定）。</translation>
    </message>
    <message>
        <source>Files can be added once the project is made: open its settings again.</source>
        <translation>ファイルはプロジェクトを作成した後に追加できます。もう一度設定を開いてください。</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>プロジェクトに名前を付けてください。</translation>
    </message>
</context>
<context>
    <name>ProjectFilesBox</name>
    <message>
        <source>Project files</source>
        <translation>プロジェクトのファイル</translation>
    </message>
    <message>
        <source>Files of this project</source>
        <translation>このプロジェクトのファイル</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <source>Add files to this project</source>
        <translation>このプロジェクトにファイルを追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the chosen file from this project</source>
        <translation>選んだファイルをこのプロジェクトから削除</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Open this project&apos;s folder</source>
        <translation>このプロジェクトのフォルダーを開く</translation>
    </message>
    <message>
        <source>Every conversation in this project can search these files.</source>
        <translation>このプロジェクトのすべての会話で、これらのファイルを検索できます。</translation>
    </message>
    <message>
        <source>Added. Every conversation in this project can search these files.</source>
        <translation>追加しました。このプロジェクトのすべての会話で、これらのファイルを検索できます。</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>削除しました。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>No files yet. Every conversation in this project can search the files added here.</source>
        <translation>ファイルはまだありません。ここに追加したファイルは、このプロジェクトのすべての会話で検索できます。</translation>
    </message>
    <message>
        <source>Add files to the project</source>
        <translation>プロジェクトにファイルを追加</translation>
    </message>
</context>
<context>
    <name>ServerDetails</name>
    <message>
        <source>Switched on</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>The server is switched on</source>
        <translation>サーバーはオンです</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Restart the server</source>
        <translation>サーバーを再起動</translation>
    </message>
    <message>
        <source>The server&apos;s tools: checked ones are offered to the model</source>
        <translation>サーバーのツール (チェックしたものをモデルに提供します)</translation>
    </message>
    <message>
        <source>The server&apos;s error output</source>
        <translation>サーバーのエラー出力</translation>
    </message>
    <message>
        <source>No server chosen</source>
        <translation>サーバーが選ばれていません</translation>
    </message>
    <message>
        <source>Add a server, or import the servers you use in another app.</source>
        <translation>サーバーを追加するか、ほかのアプリで使っているサーバーをインポートしてください。</translation>
    </message>
    <message>
        <source>Checked tools are offered to the model; each call asks you first.</source>
        <translation>チェックしたツールをモデルに提供します。呼び出しのたびに確認します。</translation>
    </message>
    <message>
        <source>What the program wrote to its error output (the end of it):</source>
        <translation>プログラムがエラー出力に書いた内容 (末尾):</translation>
    </message>
    <message>
        <source>The program wrote nothing.</source>
        <translation>プログラムは何も出力していません。</translation>
    </message>
    <message>
        <source>Its tools are listed once the server is running.</source>
        <translation>サーバーが動き出すと、ツールが一覧に表示されます。</translation>
    </message>
</context>
<context>
    <name>ServerEditor</name>
    <message>
        <source>Add a server</source>
        <translation>サーバーを追加</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>サーバー名</translation>
    </message>
    <message>
        <source>e.g. Workstation</source>
        <translation>例: ワークステーション</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバーのアドレス</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>optional; never shown again once saved</source>
        <translation>省略可。保存後は二度と表示されません</translation>
    </message>
    <message>
        <source>Model on the server</source>
        <translation>サーバー上のモデル</translation>
    </message>
    <message>
        <source>optional; needed when the server offers several</source>
        <translation>省略可。サーバーに複数のモデルがある場合は必要です</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Test the connection to the new server</source>
        <translation>新しいサーバーへの接続をテスト</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>サーバーを追加</translation>
    </message>
    <message>
        <source>Add the server</source>
        <translation>サーバーを追加する</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <source>Edit server</source>
        <translation>サーバーを編集</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>サーバーを追加</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>サーバー名</translation>
    </message>
    <message>
        <source>A program on this computer</source>
        <translation>このコンピューター上のプログラム</translation>
    </message>
    <message>
        <source>An address (Streamable HTTP)</source>
        <translation>アドレス (Streamable HTTP)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>e.g. npx, uvx, python, or the full path of a program</source>
        <translation>例: npx、uvx、python、またはプログラムのフルパス</translation>
    </message>
    <message>
        <source>Arguments, one per line</source>
        <translation>引数 (1 行に 1 つ)</translation>
    </message>
    <message>
        <source>Environment, one NAME=value per line</source>
        <translation>環境変数 (1 行に 1 つ、NAME=値)</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>作業フォルダー</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>省略可</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Headers, one Name: value per line</source>
        <translation>ヘッダー (1 行に 1 つ、名前: 値)</translation>
    </message>
    <message>
        <source>Arguments
(one per line)</source>
        <translation>引数
(1 行に 1 つ)</translation>
    </message>
    <message>
        <source>Environment
(NAME=value)</source>
        <translation>環境変数
(NAME=値)</translation>
    </message>
    <message>
        <source>Headers
(Name: value)</source>
        <translation>ヘッダー
(名前: 値)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation>サーバーに名前を付けてください。</translation>
    </message>
    <message>
        <source>There is already a server named {0}.</source>
        <translation>{0} という名前のサーバーはすでにあります。</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// address.</source>
        <translation>http:// または https:// で始まるアドレスを入力してください。</translation>
    </message>
    <message>
        <source>Line {0} of the headers is not &apos;Name: value&apos;.</source>
        <translation>ヘッダーの {0} 行目が「名前: 値」の形になっていません。</translation>
    </message>
    <message>
        <source>Enter the program to start, for example npx or python.</source>
        <translation>起動するプログラムを入力してください (例: npx、python)。</translation>
    </message>
    <message>
        <source>Line {0} of the environment is not &apos;NAME=value&apos;.</source>
        <translation>環境変数の {0} 行目が「NAME=値」の形になっていません。</translation>
    </message>
</context>
<context>
    <name>ServerList</name>
    <message>
        <source>MCP servers</source>
        <translation>MCP サーバー</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <source>Servers</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続をテスト</translation>
    </message>
    <message>
        <source>Test the connection to the chosen server</source>
        <translation>選んだサーバーへの接続をテスト</translation>
    </message>
    <message>
        <source>Use for chatting</source>
        <translation>チャットに使う</translation>
    </message>
    <message>
        <source>Chat through the chosen server</source>
        <translation>選んだサーバーを通してチャットする</translation>
    </message>
    <message>
        <source>Chatting through a server is not available in this build yet.</source>
        <translation>このビルドでは、まだサーバーを通したチャットは使えません。</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Remove the chosen server</source>
        <translation>選んだサーバーを削除</translation>
    </message>
    <message>
        <source>Chat with a model served elsewhere, for example gpt-oss-120b on a workstation running vLLM or llama-server. Conversations then go to that server.</source>
        <translation>ほかのコンピューターで動いているモデルとチャットできます。たとえば、vLLM や llama-server を動かすワークステーション上の gpt-oss-120b です。その場合、会話はそのサーバーに送られます。</translation>
    </message>
    <message>
        <source>its only model</source>
        <translation>唯一のモデル</translation>
    </message>
    <message>
        <source>key saved</source>
        <translation>キー保存済み</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>キーなし</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>no models yet</source>
        <translation>モデルはまだありません</translation>
    </message>
    <message>
        <source>Connected. The server offers: {0}</source>
        <translation>接続しました。サーバーのモデル: {0}</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>{0} を追加しました。</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>サーバーの削除</translation>
    </message>
    <message>
        <source>Remove {0} and its saved key?</source>
        <translation>{0} と保存したキーを削除しますか？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>残す</translation>
    </message>
    <message>
        <source>Removed {0}.</source>
        <translation>{0} を削除しました。</translation>
    </message>
    <message>
        <source>Connecting the chat to the server…</source>
        <translation>チャットをサーバーに接続しています…</translation>
    </message>
</context>
<context>
    <name>SettingSources</name>
    <message>
        <source>App default</source>
        <translation>アプリの既定値</translation>
    </message>
    <message>
        <source>Project “{0}”</source>
        <translation>プロジェクト「{0}」</translation>
    </message>
    <message>
        <source>Inherit</source>
        <translation>継承</translation>
    </message>
    <message>
        <source>Use the value of: {0}</source>
        <translation>次の値を使う: {0}</translation>
    </message>
    <message>
        <source>Inherit {0} from: {1}</source>
        <translation>{0} を次から継承: {1}</translation>
    </message>
    <message>
        <source>{0} comes from: {1}</source>
        <translation>{0} の設定元: {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>設定の項目</translation>
    </message>
    <message>
        <source>Conversations use these unless their project or the conversation itself sets another value (Chat ▸ Chat settings).</source>
        <translation>会話は、プロジェクトや会話自体で別の値を設定しない限り、この設定を使います（チャット ▸ チャットの設定）。</translation>
    </message>
    <message>
        <source>New chats</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Model loading</source>
        <translation>モデルの読み込み</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>インターフェース</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>プライバシー</translation>
    </message>
    <message>
        <source>Context size in tokens</source>
        <translation>コンテキストサイズ (トークン数)</translation>
    </message>
    <message>
        <source>Layers on the GPU</source>
        <translation>GPU に載せるレイヤー数</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Layers whose experts stay on the CPU</source>
        <translation>エキスパートを CPU に置くレイヤー数</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU スレッド数</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Prompt batch size</source>
        <translation>プロンプトのバッチサイズ</translation>
    </message>
    <message>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <source>Map the model file into memory (mmap)</source>
        <translation>モデルファイルをメモリにマップする (mmap)</translation>
    </message>
    <message>
        <source>Lock the model in RAM (mlock)</source>
        <translation>モデルを RAM に固定する (mlock)</translation>
    </message>
    <message>
        <source>KV cache type</source>
        <translation>KV キャッシュの種類</translation>
    </message>
    <message>
        <source>f16 (best quality)</source>
        <translation>f16 (最高品質)</translation>
    </message>
    <message>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0 (メモリ半分)</translation>
    </message>
    <message>
        <source>q4_0 (a quarter of the memory)</source>
        <translation>q4_0 (メモリ 4 分の 1)</translation>
    </message>
    <message>
        <source>These apply the next time a model loads. The model manager picks them for your hardware when you choose a model; change them here to tune.</source>
        <translation>次にモデルを読み込むときから適用されます。モデルマネージャーでモデルを選ぶと、お使いのハードウェアに合わせて自動で設定されます。細かく調整したいときはここで変更してください。</translation>
    </message>
    <message>
        <source>Context size (tokens)</source>
        <translation>コンテキストサイズ (トークン)</translation>
    </message>
    <message>
        <source>Experts on the CPU (layers)</source>
        <translation>CPU に置くエキスパート (レイヤー数)</translation>
    </message>
    <message>
        <source>gpt-oss is a mixture of experts: keeping the experts of the first N layers in system RAM lets gpt-oss-120b run with a 24 GB GPU (like llama.cpp&apos;s --n-cpu-moe).</source>
        <translation>gpt-oss は Mixture of Experts (MoE) モデルです。先頭 N レイヤーのエキスパートをシステム RAM に置くと、24 GB の GPU でも gpt-oss-120b を実行できます (llama.cpp の --n-cpu-moe に相当)。</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV キャッシュ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <source>Send with Ctrl+Enter (Enter starts a new line)</source>
        <translation>Ctrl+Enter で送信する (Enter で改行)</translation>
    </message>
    <message>
        <source>Ask the model to answer in Japanese</source>
        <translation>モデルに日本語で回答させる</translation>
    </message>
    <message>
        <source>When a conversation outgrows the context</source>
        <translation>会話がコンテキストに収まらないとき</translation>
    </message>
    <message>
        <source>Leave out the oldest messages, and say so</source>
        <translation>古いメッセージを除外し、その旨を表示する</translation>
    </message>
    <message>
        <source>Stop and ask</source>
        <translation>停止して確認する</translation>
    </message>
    <message>
        <source>A new language applies the next time the app starts.</source>
        <translation>言語の変更は、次回アプリを起動したときに反映されます。</translation>
    </message>
    <message>
        <source>Never use the network</source>
        <translation>ネットワークを一切使わない</translation>
    </message>
    <message>
        <source>Debug logging (the log then includes conversation text)</source>
        <translation>デバッグログ (ログに会話の内容も記録されます)</translation>
    </message>
    <message>
        <source>Chatting never uses the network. With this on, downloads, catalog updates and servers you added are switched off too.</source>
        <translation>チャット自体はネットワークを使いません。これをオンにすると、ダウンロード、カタログの更新、追加したサーバーへの接続もオフになります。</translation>
    </message>
    <message>
        <source>Off by default: the log holds what happened, never what was said.</source>
        <translation>既定ではオフです。ログには何が起きたかだけを記録し、会話の内容は記録しません。</translation>
    </message>
    <message>
        <source>Serve the loaded model to apps on this computer (OpenAI-compatible API)</source>
        <translation>読み込んだモデルをこのコンピューター上のアプリに提供する (OpenAI 互換 API)</translation>
    </message>
    <message>
        <source>Local API port</source>
        <translation>ローカル API のポート</translation>
    </message>
    <message>
        <source>Local API token</source>
        <translation>ローカル API のアクセストークン</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>アクセストークン</translation>
    </message>
    <message>
        <source>Only programs on this computer can connect (127.0.0.1), and they must send the token as &apos;Authorization: Bearer …&apos;. The address is http://127.0.0.1:PORT/v1.</source>
        <translation>接続できるのはこのコンピューター上のプログラムだけ (127.0.0.1) で、アクセストークンを &apos;Authorization: Bearer …&apos; として送る必要があります。アドレスは http://127.0.0.1:PORT/v1 です。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>新しいチャットを始める</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新しいプロジェクト</translation>
    </message>
    <message>
        <source>Make a project: conversations that share instructions, settings and files</source>
        <translation>プロジェクトを作成: 指示・設定・ファイルを共有する会話のまとまり</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>会話を検索</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>検索をクリア</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>検索対象</translation>
    </message>
    <message>
        <source>Search every conversation, only one project&apos;s, or those in none</source>
        <translation>すべての会話、1 つのプロジェクトの会話、またはプロジェクト外の会話だけを検索</translation>
    </message>
    <message>
        <source>Projects and conversations</source>
        <translation>プロジェクトと会話</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>会話の削除</translation>
    </message>
    <message>
        <source>Delete “{0}” and all its messages? This cannot be undone.</source>
        <translation>「{0}」とそのすべてのメッセージを削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新しいプロジェクト…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>ピン留めを外す</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Move to project</source>
        <translation>プロジェクトへ移動</translation>
    </message>
    <message>
        <source>Outside any project</source>
        <translation>プロジェクトの外</translation>
    </message>
    <message>
        <source>New chat in this project</source>
        <translation>このプロジェクトで新しいチャット</translation>
    </message>
    <message>
        <source>Project settings…</source>
        <translation>プロジェクトの設定…</translation>
    </message>
    <message>
        <source>Delete project…</source>
        <translation>プロジェクトを削除…</translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation>すべての会話</translation>
    </message>
    <message>
        <source>Project: {0}</source>
        <translation>プロジェクト: {0}</translation>
    </message>
    <message>
        <source>Nothing found for “{0}”.</source>
        <translation>「{0}」に一致するものは見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>SourcePreview</name>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>The source&apos;s text</source>
        <translation>出典のテキスト</translation>
    </message>
    <message>
        <source>Open in the default app</source>
        <translation>既定のアプリで開く</translation>
    </message>
    <message>
        <source>Open the file in the system&apos;s viewer</source>
        <translation>システムのビューアーでファイルを開く</translation>
    </message>
    <message>
        <source>The preview cannot show this file ({0}); it was opened in the default app.</source>
        <translation>このファイルはプレビューで表示できません（{0}）。既定のアプリで開きました。</translation>
    </message>
    <message>
        <source>The file is no longer there: {0}</source>
        <translation>ファイルがもうありません: {0}</translation>
    </message>
    <message>
        <source>Lines {0}–{1} of {2}</source>
        <translation>{2} 行中 {0}〜{1} 行目</translation>
    </message>
</context>
<context>
    <name>SourcesList</name>
    <message>
        <source>Sources:</source>
        <translation>出典:</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>{0} を開く</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>No model loaded</source>
        <translation>モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>Context: {0} of {1} tokens ({2}%)</source>
        <translation>コンテキスト: {0} / {1} トークン ({2}%)</translation>
    </message>
    <message>
        <source>Context: {0} tokens</source>
        <translation>コンテキスト: {0} トークン</translation>
    </message>
    <message>
        <source>prompt {0} · reasoning {1} · answer {2}</source>
        <translation>プロンプト {0} · 推論 {1} · 回答 {2}</translation>
    </message>
    <message>
        <source>attached: {0} tokens whole of {1} free</source>
        <translation>添付: 空き {1} トークンのうち {0} トークンを全文で送信</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) searched</source>
        <translation>
            <numerusform>%n 個のファイルは検索で参照</numerusform>
        </translation>
    </message>
    <message>
        <source>First token after {0} s</source>
        <translation>最初のトークンまで {0} 秒</translation>
    </message>
    <message>
        <source>{0} tokens/s</source>
        <translation>{0} トークン/秒</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Your conversations could not be read or saved: {0}</source>
        <translation>会話を読み込めないか、保存できませんでした: {0}</translation>
    </message>
</context>
<context>
    <name>ThinkingSection</name>
    <message>
        <source>Reasoning</source>
        <translation>推論</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>考えています…</translation>
    </message>
    <message>
        <source>Thought for a moment</source>
        <translation>少し考えました</translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>%n 秒間考えました</numerusform>
        </translation>
    </message>
    <message>
        <source>expanded</source>
        <translation>展開</translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>折りたたみ</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}、{1}</translation>
    </message>
</context>
<context>
    <name>ToolCallCard</name>
    <message>
        <source>Python code of the tool call</source>
        <translation>ツール呼び出しの Python コード</translation>
    </message>
    <message>
        <source>Arguments of the tool call</source>
        <translation>ツール呼び出しの引数</translation>
    </message>
    <message>
        <source>Result of the tool call</source>
        <translation>ツール呼び出しの結果</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>今回だけ許可</translation>
    </message>
    <message>
        <source>Run this tool call once</source>
        <translation>このツール呼び出しを今回だけ実行します</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>このツールを常に許可</translation>
    </message>
    <message>
        <source>Always in this conversation</source>
        <translation>この会話では常に許可</translation>
    </message>
    <message>
        <source>Run Python code in this conversation without asking</source>
        <translation>この会話では確認せずに Python コードを実行します</translation>
    </message>
    <message>
        <source>Run this tool now and from now on without asking</source>
        <translation>このツールを今回も次回以降も確認せずに実行します</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Do not run this tool call</source>
        <translation>このツール呼び出しを実行しません</translation>
    </message>
    <message>
        <source>Tool call {0}: {1}</source>
        <translation>ツール呼び出し {0}: {1}</translation>
    </message>
    <message>
        <source>The model wants to run this code in the conversation&apos;s Python notebook. Check it (you can edit it), then choose.</source>
        <translation>モデルがこの会話の Python ノートブックでこのコードを実行しようとしています。内容を確認し（編集もできます）、選んでください。</translation>
    </message>
    <message>
        <source>The model wants to run {0} from {1}. Check the arguments (you can edit them), then choose.</source>
        <translation>モデルが {1} の {0} を実行しようとしています。引数を確認して（編集もできます）、選んでください。</translation>
    </message>
    <message>
        <source>The model wants to run {0}. Check the arguments (you can edit them), then choose.</source>
        <translation>モデルが {0} を実行しようとしています。引数を確認して（編集もできます）、選んでください。</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>Waiting for your approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Done in {0} s</source>
        <translation>完了（{0} 秒）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>拒否しました</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
</context>
<context>
    <name>ToolsDialog</name>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>The model can call functions of MCP servers: programs on this computer or addresses you add. Every call asks you first, unless you always allow that tool.</source>
        <translation>モデルは MCP サーバーの関数を呼び出せます。サーバーは、このコンピューター上のプログラムか、追加したアドレスです。ツールを常に許可していない限り、呼び出しのたびに確認します。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>サーバーを追加</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Edit the chosen server</source>
        <translation>選んだサーバーを編集</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Remove the chosen server</source>
        <translation>選んだサーバーを削除</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Import servers from another app</source>
        <translation>ほかのアプリからサーバーをインポート</translation>
    </message>
    <message>
        <source>Close the Tools page</source>
        <translation>ツールの画面を閉じる</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>サーバーの削除</translation>
    </message>
    <message>
        <source>Remove {0}? Its tools will no longer be offered, and any of them you always allowed will ask again.</source>
        <translation>{0} を削除しますか？ このサーバーのツールはモデルに提供されなくなり、常に許可していたツールも再び確認するようになります。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>残す</translation>
    </message>
    <message>
        <source>From {0}</source>
        <translation>{0} から</translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation>ファイルから…</translation>
    </message>
    <message>
        <source>Import servers from a file</source>
        <translation>ファイルからサーバーをインポート</translation>
    </message>
    <message>
        <source>Server lists (*.json);;All files (*)</source>
        <translation>サーバーの一覧 (*.json);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>The tools are still starting; try again in a moment.</source>
        <translation>ツールはまだ起動中です。少し待ってからもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>ToolsSettingsPage</name>
    <message>
        <source>Tool calls in one reply</source>
        <translation>1 回の応答でのツール呼び出し数</translation>
    </message>
    <message>
        <source>Time a tool may take, in seconds</source>
        <translation>ツールにかけられる時間（秒）</translation>
    </message>
    <message>
        <source>Python environment of the python tool</source>
        <translation>Python ツールの Python 環境</translation>
    </message>
    <message>
        <source>The app&apos;s own Python (numpy, pandas, matplotlib)</source>
        <translation>アプリ内蔵の Python（numpy、pandas、matplotlib）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Choose the python program of another environment</source>
        <translation>別の環境の python プログラムを選びます</translation>
    </message>
    <message>
        <source>Memory a notebook may use, in GB</source>
        <translation>ノートブックが使えるメモリ（GB）</translation>
    </message>
    <message>
        <source>Minutes before an unused notebook is shut down</source>
        <translation>使われていないノートブックを終了するまでの分数</translation>
    </message>
    <message>
        <source>Tokens of a cell&apos;s output the model reads</source>
        <translation>モデルが読むセル出力のトークン数</translation>
    </message>
    <message>
        <source>Checking what this computer can isolate…</source>
        <translation>このコンピューターで隔離できる範囲を確認しています…</translation>
    </message>
    <message>
        <source>Time a tool may take (s)</source>
        <translation>ツールの制限時間（秒）</translation>
    </message>
    <message>
        <source>After the limit of calls the model is told to answer with what it has; a tool that takes longer is stopped and the model hears so.</source>
        <translation>呼び出し数の上限に達すると、モデルには手元の情報で答えるよう伝えます。時間を超えたツールは止められ、そのことがモデルに伝わります。</translation>
    </message>
    <message>
        <source>Python environment</source>
        <translation>Python 環境</translation>
    </message>
    <message>
        <source>Another environment (a venv with your own packages) needs ipykernel installed in it.</source>
        <translation>別の環境（独自のパッケージを入れた venv など）を使うには、その環境に ipykernel が必要です。</translation>
    </message>
    <message>
        <source>Notebook memory (GB)</source>
        <translation>ノートブックのメモリ（GB）</translation>
    </message>
    <message>
        <source>Shut down an unused notebook after (min)</source>
        <translation>未使用のノートブックを終了するまで（分）</translation>
    </message>
    <message>
        <source>Output the model reads (tokens)</source>
        <translation>モデルが読む出力（トークン）</translation>
    </message>
    <message>
        <source>The python program of an environment</source>
        <translation>環境の python プログラム</translation>
    </message>
</context>
<context>
    <name>ToolsText</name>
    <message>
        <source>Switched off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message numerus="yes">
        <source>Ready, with %n tool(s)</source>
        <translation>
            <numerusform>準備完了 (ツール %n 個)</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失敗: {0}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>Added from {0}: {1}.</source>
        <translation>{0} から追加しました: {1}。</translation>
    </message>
    <message>
        <source>Nothing new in {0}.</source>
        <translation>{0} に新しいサーバーはありませんでした。</translation>
    </message>
    <message>
        <source>{0} (as {1})</source>
        <translation>{0} ({1} として登録済み)</translation>
    </message>
    <message>
        <source>Already here: {0}.</source>
        <translation>追加済み: {0}。</translation>
    </message>
    <message>
        <source>Left out, not understood: {0}.</source>
        <translation>読み取れなかったため除外: {0}。</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Reasoning effort</source>
        <translation>推論レベル</translation>
    </message>
    <message>
        <source>How long the model reasons before it answers, for this conversation</source>
        <translation>この会話で、モデルが回答する前にどれだけ推論するか</translation>
    </message>
    <message>
        <source>Reasoning: Low</source>
        <translation>推論: 低</translation>
    </message>
    <message>
        <source>Reasoning: Medium</source>
        <translation>推論: 中</translation>
    </message>
    <message>
        <source>Reasoning: High</source>
        <translation>推論: 高</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Python tool for this conversation</source>
        <translation>この会話の Python ツール</translation>
    </message>
    <message>
        <source>Let the model run Python code on this computer (a notebook with no network, asking you before each run)</source>
        <translation>モデルがこのコンピューターで Python コードを実行できるようにします（ネットワークなしのノートブック、実行のたびに確認）</translation>
    </message>
    <message>
        <source>Chat settings…</source>
        <translation>チャットの設定…</translation>
    </message>
    <message>
        <source>Settings of this conversation</source>
        <translation>この会話の設定</translation>
    </message>
    <message>
        <source>Instructions, temperature and reply length for this conversation</source>
        <translation>この会話の指示、温度、応答の長さ</translation>
    </message>
    <message>
        <source>Model loading progress</source>
        <translation>モデルの読み込みの進行状況</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancel loading the model</source>
        <translation>モデルの読み込みをキャンセル</translation>
    </message>
    <message>
        <source>Open a .gguf file…</source>
        <translation>.gguf ファイルを開く…</translation>
    </message>
    <message>
        <source>Model manager…</source>
        <translation>モデルマネージャー…</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Model: {0}. Choose another model</source>
        <translation>モデル: {0}。別のモデルを選択</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込んでいます…</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>モデルなし</translation>
    </message>
    <message>
        <source>No model loaded. Choose a model</source>
        <translation>モデルが読み込まれていません。モデルを選択</translation>
    </message>
</context>
</TS>
