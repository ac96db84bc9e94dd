from unisono.cli.app import main

if __name__ == "__main__":  # a worker process imports this module again: it must not run main
    main()
