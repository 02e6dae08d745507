# bash completion for throughline-cli: verbs, each verb's options and actions, and file or folder
# names where an option takes one. Installed as
# /usr/share/bash-completion/completions/throughline-cli (loaded on first use).

_throughline_cli() {
    local cur prev words cword
    _init_completion -s || return

    local verbs="init demo list stats verify passwd import-records summary insight export-person card contacts
        share unshare export import conflicts settle sync received help"

    # The verb is the first word that is not an option.
    local verb="" i
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            verb=${words[i]}
            break
        fi
    done

    if [[ -z $verb ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
        fi
        return
    fi

    case $prev in
        --vault | --outbox | --inbox)
            _filedir -d
            return
            ;;
        --passphrase-file | --recovery-key-file | --new-passphrase-file | --out)
            _filedir
            return
            ;;
        --format)
            COMPREPLY=($(compgen -W "pdf html md json" -- "$cur"))
            return
            ;;
        --keep)
            COMPREPLY=($(compgen -W "shown other theirs" -- "$cur"))
            return
            ;;
        --kdf)
            COMPREPLY=($(compgen -W "moderate interactive test" -- "$cur"))
            return
            ;;
        --owner | --role | --organisation | --seed | --young-people | --contacts | --today | \
            --search | --young-person | --from | --to | --recipient | --contact | --conflict | --save | \
            --withhold | --withhold-reason)
            return # a free value: nothing sensible to offer
            ;;
    esac

    local common="--vault --passphrase-file --help"
    local opts="" actions=""
    case $verb in
        init) opts="--owner --role --organisation --kdf" ;;
        demo) opts="--seed --young-people --contacts --today --owner --role --organisation --kdf" ;;
        list) opts="--search --json" ;;
        stats) opts="--json" ;;
        verify) opts="" ;;
        passwd) opts="--recovery-key-file --new-passphrase-file --kdf" ;;
        import-records) opts="--dry-run" ;;
        summary) opts="--young-person --from --to --format --out --recipient --include-location --today" ;;
        insight) opts="--young-person --from --to --json --today" ;;
        export-person) opts="--young-person --out --recipient --withhold --withhold-reason --include-location --force" ;;
        card)
            opts="--out --verified"
            actions="export import show"
            ;;
        contacts)
            opts="--json --contact"
            actions="verify remove"
            ;;
        share | unshare) opts="--contact --young-person" ;;
        export) opts="--to --young-person --full --include-location --attach-summary --out" ;;
        import) opts="" ;;
        conflicts) opts="" ;;
        settle) opts="--conflict --keep" ;;
        sync) opts="--outbox --inbox --sync-on-unlock --no-sync-on-unlock" ;;
        received) opts="--save --out" ;;
        help)
            COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
            return
            ;;
        *) return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$common $opts" -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi

    # An action (card, contacts) right after the verb; otherwise file names (import-records, import,
    # card import).
    local action="" j
    for ((j = i + 1; j < cword; j++)); do
        [[ ${words[j]} != -* && ${words[j - 1]} != --* ]] && action=${words[j]} && break
    done
    if [[ -n $actions && -z $action ]]; then
        COMPREPLY=($(compgen -W "$actions" -- "$cur"))
        return
    fi
    case $verb in
        import-records) _filedir json ;;
        import) _filedir thrl ;;
        card) [[ $action == import ]] && _filedir ;;
    esac
} &&
    complete -F _throughline_cli throughline-cli

# ex: filetype=sh
