#!/usr/bin/env bash
# Builds a fuzzer binary: the libraries with the package (fuzzer coverage + address sanitizer),
# then Sources/conv-fuzz linked here with -DFUZZING so that the fuzzer's runtime supplies `main`
# (a package-built executable names its `main` itself, which clashes with the fuzzer's).
#
# usage: Fuzz/build-fuzzer.sh SCRATCH_FOLDER [TARGET]
#   TARGET language (the default) -> SCRATCH_FOLDER/debug/conv-fuzzer
#          programs               -> SCRATCH_FOLDER/debug/conv-fuzzer-programs
#          data-files             -> SCRATCH_FOLDER/debug/conv-fuzzer-data-files
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-.build-fuzz}
target=${2:-language}
swift=${SWIFT:-swift}
sanitize=-sanitize=fuzzer,address
case "$target" in
    language) flag=(); binary=conv-fuzzer ;;
    programs) flag=(-DFUZZ_PROGRAMS); binary=conv-fuzzer-programs ;;
    data-files) flag=(-DFUZZ_DATA_FILES); binary=conv-fuzzer-data-files ;;
    *) echo "unknown fuzz target '$target': language, programs or data-files" >&2; exit 2 ;;
esac
# ConvFuzzing and every library target it depends on (Package.swift), whose objects the fuzzer links.
libraries=(ConvFuzzing ConvLang ConvAutograd ConvNumerics CConvKernels PythonFormatting TorchFormatting NumPyFormatting)
# The package dependencies ConvLang links (Package.swift): their objects, all of them, as built.
dependencies=(BigInt)

"$swift" build --target ConvFuzzing --scratch-path "$scratch" -Xswiftc "$sanitize"
bin="$scratch/debug"

# The objects of the sources that exist now (a renamed file leaves a stale object behind).
objects=()
module_maps=()
for target in "${libraries[@]}"; do
    [ -d "Sources/$target" ] || continue
    while IFS= read -r source; do
        name=$(basename "$source")
        case "$name" in
            *.swift) objects+=("$bin/$target.build/$name.o") ;;
            *.c) objects+=("$bin/$target.build/$name.o") ;;
        esac
    done < <(find "Sources/$target" -name '*.swift' -o -name '*.c')
    if [ -f "$bin/$target.build/module.modulemap" ]; then
        module_maps+=(-Xcc "-fmodule-map-file=$bin/$target.build/module.modulemap")
    fi
done

for target in "${dependencies[@]}"; do
    compgen -G "$bin/$target.build/*.o" >/dev/null || { echo "no objects for $target in $bin" >&2; exit 1; }
    for object in "$bin/$target.build/"*.o; do objects+=("$object"); done
done

# ld.gold warns about every sanitizer symbol it cannot export; the warnings are harmless.
swiftc "$sanitize" -g -DFUZZING "${flag[@]}" -parse-as-library -module-name conv_fuzz -I "$bin/Modules" "${module_maps[@]}" \
    Sources/conv-fuzz/*.swift "${objects[@]}" -o "$bin/$binary" 2>&1 | { grep -v 'Cannot export local symbol' || true; }
test -x "$bin/$binary"
echo "built $bin/$binary"
