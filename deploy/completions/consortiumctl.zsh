#compdef consortiumctl

__consortiumctl_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__consortiumctl_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __consortiumctl_complete "${completions[@]:0:-1}"
    fi
}

__consortiumctl_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_consortiumctl() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:按守护进程的方式校验文件，不做任何改动 / validate files as the daemon would, changing nothing.'
            'evaluate:列出某日未关闭的通知 / the notices open on a day.'
            'list:列出联合体及其状态、牵头单位、批复文号和下一期限 / consortia with status, lead, approval number, next deadline.'
            'show:显示一个联合体：状态、成员、文件、发现和未关闭的通知 / one consortium: status, members, documents, findings, open notices.'
            'report:生成静态 HTML 报表和电子表格 / write the HTML report and spreadsheets.'
            'notices:列出守护进程已发出的通知（最新的在前）/ the notices the daemon emitted, newest first.'
            'pending:列出暂存待处理的文件及其等待原因 / the documents held in pending/ and what each waits for.'
            'ack:确认一条通知（向收件箱放入确认文件）/ acknowledge a notice (drops an Acknowledgement into the inbox).'
            'verify:由存档重新推导状态并与数据库比较 / re-derive the state from the archive and compare it with the database.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|evaluate|list|show|report|notices|pending|ack|verify|help)
            "_consortiumctl_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_consortiumctl_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '*:FILE:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_evaluate() {
    local -i ret=1
    local -ar ___fail_on=('err' 'crit')
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '--at[评估日期 / the day evaluated (YYYY-MM-DD).]:DATE:'
        '--fail-on[有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when a notice of this severity or worse is open.]:err|crit:{__consortiumctl_complete "${___fail_on[@]}"}'
        '*:FILE or DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        ':ID:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '--out[输出目录 / the directory written.]:DIR:'
        '--at[评估日期，默认今天 / the day evaluated (YYYY-MM-DD), default today.]:DATE:'
        '*:FILE or DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_notices() {
    local -i ret=1
    local -ar ___fail_on=('err' 'crit')
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '--since[只列出此日及以后发出的 / only those emitted on or after DATE.]:DATE:'
        '--fail-on[有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when such a notice is open.]:err|crit:{__consortiumctl_complete "${___fail_on[@]}"}'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_pending() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_ack() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        ':NOTICE_ID:'
        '--by[确认人 / who acknowledges.]:NAME:'
        '--note[说明 / a note.]:T:'
        '--until[此日前不再重复提醒 / no repeats before this day.]:DATE:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_verify() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[配置文件 / config file (默认 default\: /etc/consortiumd/consortiumd.yaml; 文件不存在时用默认值 / absent\: defaults).]:PATH:'
        '--json[输出 JSON / print JSON.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_consortiumctl_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _consortiumctl ]]; then
    _consortiumctl "${@}"
else
    compdef _consortiumctl consortiumctl
fi
