function __consortiumctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __consortiumctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __consortiumctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __consortiumctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __consortiumctl_parse_tokens -S
    set -l unparsed_tokens (__consortiumctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'consortiumctl'
        __consortiumctl_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'check'
            __consortiumctl_parse_subcommand -r 1 'config=' 'json' 'h/help'
        case 'evaluate'
            __consortiumctl_parse_subcommand -r 1 'config=' 'json' 'at=' 'fail-on=' 'h/help'
        case 'list'
            __consortiumctl_parse_subcommand 0 'config=' 'json' 'h/help'
        case 'show'
            __consortiumctl_parse_subcommand 1 'config=' 'json' 'h/help'
        case 'report'
            __consortiumctl_parse_subcommand -r 1 'config=' 'json' 'out=' 'at=' 'h/help'
        case 'notices'
            __consortiumctl_parse_subcommand 0 'config=' 'json' 'since=' 'fail-on=' 'h/help'
        case 'pending'
            __consortiumctl_parse_subcommand 0 'config=' 'json' 'h/help'
        case 'ack'
            __consortiumctl_parse_subcommand 1 'config=' 'json' 'by=' 'note=' 'until=' 'h/help'
        case 'verify'
            __consortiumctl_parse_subcommand 0 'config=' 'json' 'h/help'
        case 'help'
            __consortiumctl_parse_subcommand -r 1 
        end
    end
end

function __consortiumctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __consortiumctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __consortiumctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __consortiumctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__consortiumctl_tokens -p)
    if test -z "$(__consortiumctl_tokens -t)"
        set -l index (count (__consortiumctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'consortiumctl' -f
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'check' -d '按守护进程的方式校验文件，不做任何改动 / validate files as the daemon would, changing nothing.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'evaluate' -d '列出某日未关闭的通知 / the notices open on a day.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'list' -d '列出联合体及其状态、牵头单位、批复文号和下一期限 / consortia with status, lead, approval number, next deadline.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'show' -d '显示一个联合体：状态、成员、文件、发现和未关闭的通知 / one consortium: status, members, documents, findings, open notices.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'report' -d '生成静态 HTML 报表和电子表格 / write the HTML report and spreadsheets.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'notices' -d '列出守护进程已发出的通知（最新的在前）/ the notices the daemon emitted, newest first.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'pending' -d '列出暂存待处理的文件及其等待原因 / the documents held in pending/ and what each waits for.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'ack' -d '确认一条通知（向收件箱放入确认文件）/ acknowledge a notice (drops an Acknowledgement into the inbox).'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'verify' -d '由存档重新推导状态并与数据库比较 / re-derive the state from the archive and compare it with the database.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_positional "consortiumctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl check" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl check" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl evaluate" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl evaluate" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl evaluate" at' -l 'at' -d '评估日期 / the day evaluated (YYYY-MM-DD).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl evaluate" fail-on' -l 'fail-on' -d '有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when a notice of this severity or worse is open.' -rfka 'err crit'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl evaluate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl list" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl list" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl show" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl show" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl report" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl report" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl report" out' -l 'out' -d '输出目录 / the directory written.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl report" at' -l 'at' -d '评估日期，默认今天 / the day evaluated (YYYY-MM-DD), default today.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl notices" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl notices" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl notices" since' -l 'since' -d '只列出此日及以后发出的 / only those emitted on or after DATE.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl notices" fail-on' -l 'fail-on' -d '有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when such a notice is open.' -rfka 'err crit'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl notices" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl pending" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl pending" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl pending" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" by' -l 'by' -d '确认人 / who acknowledges.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" note' -l 'note' -d '说明 / a note.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" until' -l 'until' -d '此日前不再重复提醒 / no repeats before this day.' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl ack" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl verify" config' -l 'config' -d '配置文件 / config file (默认 default: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent: defaults).' -rfka ''
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl verify" json' -l 'json' -d '输出 JSON / print JSON.'
complete -c 'consortiumctl' -n '__consortiumctl_should_offer_completions_for_flags_or_options "consortiumctl verify" h help' -s 'h' -l 'help' -d 'Show help information.'
