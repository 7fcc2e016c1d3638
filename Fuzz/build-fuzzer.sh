#!/usr/bin/env bash
# Builds the fuzzer binary: the libraries with the package (fuzzer coverage + address sanitizer),
# then Sources/conv-fuzz linked here with -DFUZZING so that the fuzzer's runtime supplies `main`
# (a package-built executable names its `main` itself, which clashes with the fuzzer's).
#
# usage: Fuzz/build-fuzzer.sh SCRATCH_FOLDER   -> SCRATCH_FOLDER/debug/conv-fuzzer
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-.build-fuzz}
swift=${SWIFT:-swift}
sanitize=-sanitize=fuzzer,address
# ConvLang and every library target it depends on (Package.swift), whose objects the fuzzer links.
libraries=(ConvLang ConvNumerics CConvKernels PythonFormatting TorchFormatting)
# The package dependencies ConvLang links (Package.swift): their objects, all of them, as built.
dependencies=(BigInt)

"$swift" build --target ConvLang --scratch-path "$scratch" -Xswiftc "$sanitize"
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
swiftc "$sanitize" -g -DFUZZING -parse-as-library -module-name conv_fuzz -I "$bin/Modules" "${module_maps[@]}" \
    Sources/conv-fuzz/*.swift "${objects[@]}" -o "$bin/conv-fuzzer" 2>&1 | { grep -v 'Cannot export local symbol' || true; }
test -x "$bin/conv-fuzzer"
echo "built $bin/conv-fuzzer"
