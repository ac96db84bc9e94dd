from unisono.cli.app import main

main()
