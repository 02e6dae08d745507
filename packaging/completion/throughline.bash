# bash completion for throughline, the desktop app. Installed as
# /usr/share/bash-completion/completions/throughline (loaded on first use).

_throughline() {
    local cur prev words cword
    _init_completion || return

    case $prev in
        --vault)
            _filedir -d
            return
            ;;
        --passphrase-file | --screenshot)
            _filedir
            return
            ;;
        --theme)
            COMPREPLY=($(compgen -W "light dark" -- "$cur"))
            return
            ;;
        --screen)
            COMPREPLY=($(compgen -W "create unlock recovery people home record contact-detail network
                member-editor placement-editor missing-episode person-editor settings safety-plan sync
                sync-contact conflicts file-chooser presentation" -- "$cur"))
            return
            ;;
        --scale | --size | --frames | --young-person)
            return
            ;;
    esac
    COMPREPLY=($(compgen -W "--vault --demo --theme --scale --size --passphrase-file --screen
        --young-person --frames --screenshot --version --help" -- "$cur"))
} &&
    complete -F _throughline throughline

# ex: filetype=sh
